/**
 * The offline harness: runs the Pulumi program in-process under mocks with a stack's real configuration and
 * captures every resource registration (type, name, parent, provider, dependencies and inputs). The plan command
 * and the specs share it. One run per process: `pulumi.runtime.setMocks` is global.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { mockCall, mockResourceState, MockContext } from "./mock-state";

export const REPO_ROOT = path.resolve(__dirname, "..");

/** Shown instead of any secret value, in inputs and outputs alike. */
export const SECRET_PLACEHOLDER = "[secret]";
/** Shown for a value a real preview would not know yet. */
export const UNKNOWN_PLACEHOLDER = "[unknown]";

export interface PlanResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** URN of the parent resource; the stack for top-level resources. */
    readonly parent?: string;
    /** URN of the provider, when the resource names one. */
    readonly provider?: string;
    /** False for component resources (local or remote). */
    readonly custom: boolean;
    readonly dependencies: string[];
    readonly inputs: Record<string, unknown>;
    /** Resource options worth reviewing (protect, retainOnDelete, deleteBeforeReplace). */
    readonly options?: Record<string, boolean>;
}

export interface PlanCapture {
    readonly stack: string;
    readonly project: string;
    readonly resources: PlanResource[];
    readonly outputs: Record<string, unknown>;
}

export interface HarnessOptions {
    readonly stack: string;
    /** `key=value` overrides as given to `-c` (key `terrace:section.field` or `aws:region`). */
    readonly overrides?: readonly string[];
    /** The program's entry module; default index.ts at the repository root. */
    readonly program?: string;
}

/** A problem with what the user asked for (unknown stack, malformed override): exit 2, one line. */
export class UsageError extends Error {}

/** Signatures of the Pulumi wire format (sdk/nodejs/runtime/rpc.ts). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Reads Pulumi.yaml's project name and Pulumi.<stack>.yaml's config, applying overrides. */
export function readStackConfig(
    stack: string,
    overrides: readonly string[] = [],
): {
    project: string;
    config: Record<string, unknown>;
} {
    const projectFile = path.join(REPO_ROOT, "Pulumi.yaml");
    const stackFile = path.join(REPO_ROOT, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const known = fs
            .readdirSync(REPO_ROOT)
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter((s): s is string => s !== undefined);
        throw new UsageError(`--stack: got "${stack}"; allowed: ${known.join(", ")}`);
    }
    const project = (parseYaml(fs.readFileSync(projectFile, "utf8")) as { name: string }).name;
    const config = {
        ...((parseYaml(fs.readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> })?.config ?? {}),
    };
    for (const override of overrides) applyOverride(config, override);
    return { project, config };
}

/** `terrace:database.multiAz=true` sets config["terrace:database"].multiAz = true (value parsed as YAML). */
export function applyOverride(config: Record<string, unknown>, override: string): void {
    const eq = override.indexOf("=");
    const match = /^([A-Za-z0-9_-]+:[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*)$/.exec(eq > 0 ? override.slice(0, eq) : "");
    if (!match)
        throw new UsageError(
            `-c: got "${override}"; allowed: namespace:key[.path]=value, e.g. terrace:database.multiAz=true`,
        );
    const [, key, pathPart] = match;
    const value: unknown = parseYaml(override.slice(eq + 1));
    const fields = pathPart.split(".").filter(Boolean);
    if (fields.length === 0) {
        config[key] = value;
        return;
    }
    const root = (config[key] ??= {}) as Record<string, unknown>;
    if (typeof root !== "object" || root === null)
        throw new UsageError(`-c: ${key} is not an object, cannot set ${pathPart}`);
    let node = root;
    for (const field of fields.slice(0, -1)) {
        const next = node[field];
        node = (typeof next === "object" && next !== null ? next : (node[field] = {})) as Record<string, unknown>;
    }
    node[fields[fields.length - 1]] = value;
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}

/** Replaces encrypted `secure:` values (which cannot be decrypted offline) by a placeholder; reports secrecy. */
function withoutCiphertext(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(withoutCiphertext);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value === "object" && value !== null) {
        let secret = false;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            const r = withoutCiphertext(v);
            out[k] = r.value;
            secret ||= r.secret;
        }
        return { value: out, secret };
    }
    return { value, secret: false };
}

/** The config map the Pulumi runtime expects: strings, objects as JSON, with the secret keys listed. */
export function toRuntimeConfig(config: Record<string, unknown>): {
    values: Record<string, string>;
    secretKeys: string[];
} {
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, raw] of Object.entries(config)) {
        const { value, secret } = withoutCiphertext(raw);
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) secretKeys.push(key);
    }
    return { values, secretKeys };
}

/** Turns wire-format property values into plain JSON, collecting resource references. */
export function sanitize(value: unknown, refs: Set<string>): unknown {
    if (value === UNKNOWN_VALUE) return UNKNOWN_PLACEHOLDER;
    if (Array.isArray(value)) return value.map((v) => sanitize(v, refs));
    if (typeof value === "object" && value !== null) {
        const obj = value as Record<string, unknown>;
        if (obj[SIG_KEY] === SECRET_SIG) return SECRET_PLACEHOLDER;
        if (obj[SIG_KEY] === RESOURCE_SIG) {
            refs.add(String(obj.urn));
            return { urn: obj.urn };
        }
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) out[k] = sanitize(v, refs);
        return out;
    }
    return value;
}

/** `urn::id` provider references name the provider by URN. */
function providerUrn(ref: string): string | undefined {
    if (!ref) return undefined;
    const cut = ref.lastIndexOf("::");
    return cut > 0 ? ref.slice(0, cut) : ref;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }) => void): void };
    getObject(): { toJavaScript(): unknown } | undefined;
    getProtect?(): boolean;
    getRetainondelete?(): boolean;
    getDeletebeforereplace?(): boolean;
}

/** Runs the program for a stack under mocks and returns everything it registered. */
export async function runProgram(options: HarnessOptions): Promise<PlanCapture> {
    const { project, config } = readStackConfig(options.stack, options.overrides);
    const { values, secretKeys } = toRuntimeConfig(config);
    pulumi.runtime.setAllConfig(values, secretKeys);
    const ctx: MockContext = { region: String(values["aws:region"] ?? "eu-west-1"), stack: options.stack };

    await pulumi.runtime.setMocks(
        {
            newResource: (args) => mockResourceState(ctx, args.type, args.name, args.inputs),
            call: (args) => mockCall(ctx, args.token, args.inputs),
        },
        project,
        options.stack,
        false,
    );

    const resources: PlanResource[] = [];
    let stackOutputs: Record<string, unknown> = {};
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const monitor = (pulumi.runtime as any).getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, callback: (err: unknown, resp: { getUrn(): string }) => void) =>
        register(req, (err: unknown, resp: { getUrn(): string }) => {
            if (!err) resources.push(capture(req, resp.getUrn()));
            callback(err, resp);
        });
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (
        req: { getUrn(): string; getOutputs(): { toJavaScript(): unknown } | undefined },
        callback: (err: unknown, resp: unknown) => void,
    ) => {
        if (req.getUrn().includes("::pulumi:pulumi:Stack::")) {
            stackOutputs = sanitize(req.getOutputs()?.toJavaScript() ?? {}, new Set()) as Record<string, unknown>;
        }
        return registerOutputs(req, callback);
    };
    // The mock monitor has no `call` (resource methods such as Cluster.getKubeconfig): answer from the mocks.
    monitor.call = answerCalls(ctx);

    const program = options.program ?? path.join(REPO_ROOT, "index.ts");
    // The program is a CommonJS module whose top level registers resources: it must load inside the stack.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await pulumi.runtime.runInPulumiStack(async () => require(program));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await (pulumi.runtime as any).waitForRPCs?.();
    if (pulumi.log.hasErrors()) throw new Error("the program logged errors (see above)");
    return { stack: options.stack, project, resources, outputs: stackOutputs };
}

function capture(req: RegisterRequest, urn: string): PlanResource {
    const refs = new Set<string>();
    const inputs = sanitize(req.getObject()?.toJavaScript() ?? {}, refs) as Record<string, unknown>;
    const dependencies = new Set<string>(req.getDependenciesList());
    req.getPropertydependenciesMap().forEach((deps) => deps.getUrnsList().forEach((d) => dependencies.add(d)));
    refs.forEach((r) => dependencies.add(r));
    dependencies.delete(urn);
    const options: Record<string, boolean> = {};
    if (req.getProtect?.()) options.protect = true;
    if (req.getRetainondelete?.()) options.retainOnDelete = true;
    if (req.getDeletebeforereplace?.()) options.deleteBeforeReplace = true;
    return {
        urn,
        type: req.getType(),
        name: req.getName(),
        parent: req.getParent() || undefined,
        provider: providerUrn(req.getProvider()),
        custom: req.getCustom(),
        dependencies: [...dependencies].sort(),
        inputs,
        ...(Object.keys(options).length ? { options } : {}),
    };
}

function answerCalls(ctx: MockContext) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const providerProto = require("@pulumi/pulumi/proto/provider_pb");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const structProto = require("google-protobuf/google/protobuf/struct_pb");
    return (
        req: { getTok(): string; getArgs(): { toJavaScript(): unknown } },
        callback: (err: unknown, resp: unknown) => void,
    ) => {
        try {
            const args = (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const resp = new providerProto.CallResponse();
            resp.setReturn(structProto.Struct.fromJavaScript(mockCall(ctx, req.getTok(), args)));
            callback(null, resp);
        } catch (err) {
            callback(err, undefined);
        }
    };
}
