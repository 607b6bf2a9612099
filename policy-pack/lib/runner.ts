/**
 * Runs the pack offline, the way the Pulumi engine would: resource policies on each resource, stack policies
 * on the whole list, each policy's enforcement level and settings resolved from its configSchema defaults and
 * the pack config (`--policy-pack-config` format). Used by the policy CLI, the offline plan and every spec.
 * Not imported by index.ts: nothing here is needed when the engine runs the pack.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import type {
    EnforcementLevel,
    PolicyProviderResource,
    PolicyResource as EnginePolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import {
    PACK_NAME,
    TerracePolicy,
    TerraceResourcePolicy,
    TerraceStackPolicy,
    isStackPolicy,
    parseFinding,
} from "./policy";
import { isUnknownValueError, unknownCheckingProxy } from "./values";

export interface PolicyResource {
    /** e.g. "kubernetes:apps/v1:Deployment", "aws:rds/instance:Instance" */
    readonly type: string;
    readonly name: string;
    /** synthesised when absent */
    readonly urn?: string;
    readonly props: Record<string, unknown>;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    /** The provider resource's URN (or a provider reference "<urn>::<id>"); resolved among the resources. */
    readonly provider?: string;
    /** "<path>#<n>" for the CLI */
    readonly source?: string;
}

export interface Violation {
    readonly policy: string;
    readonly level: "advisory" | "mandatory" | "remediate";
    readonly urn: string;
    readonly message: string;
    readonly controls: string[];
    readonly source?: string;
}

/** Pack config as given to --policy-pack-config: { all?: level, "<policy>": level | { enforcementLevel?, ...settings } } */
export type PackConfig = Record<string, unknown>;

/** A pack config that names an unknown policy, an invalid level or a setting its policy's schema rejects. */
export class PackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PackConfigError";
    }
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The pack's default for a policy that declares no level (PolicyPack's own default). */
export const PACK_DEFAULT_LEVEL: EnforcementLevel = "advisory";

export interface ResolvedPolicyConfig {
    readonly level: EnforcementLevel;
    readonly settings: Record<string, unknown>;
}

function levelOf(entry: unknown, where: string): EnforcementLevel | undefined {
    const level =
        typeof entry === "string"
            ? entry
            : entry !== null && typeof entry === "object"
              ? (entry as Record<string, unknown>)["enforcementLevel"]
              : undefined;
    if (level === undefined) return undefined;
    if (typeof level !== "string" || !LEVELS.includes(level as EnforcementLevel)) {
        throw new PackConfigError(
            `pack config ${where}: enforcement level ${JSON.stringify(level)} is not one of ${LEVELS.join(", ")}`,
        );
    }
    return level as EnforcementLevel;
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
const validators = new WeakMap<object, ReturnType<Ajv["compile"]>>();

/**
 * A policy's level and settings as the engine resolves them: the policy's own level, then `all`, then the
 * policy's entry; settings are the configSchema defaults overlaid with the entry's keys, validated by the schema.
 */
export function resolvePolicyConfig(policy: TerracePolicy, config: PackConfig = {}): ResolvedPolicyConfig {
    const entry = config[policy.name];
    const level =
        levelOf(entry, `"${policy.name}"`) ??
        levelOf(config["all"], `"all"`) ??
        policy.enforcementLevel ??
        PACK_DEFAULT_LEVEL;
    const settings: Record<string, unknown> = {};
    const schema = policy.configSchema;
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (typeof property === "object" && property.default !== undefined) {
            settings[key] = structuredClone(property.default);
        }
    }
    if (entry !== null && typeof entry === "object") {
        for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
            if (key !== "enforcementLevel") settings[key] = value;
        }
    }
    if (schema) {
        let validate = validators.get(schema);
        if (!validate) {
            validate = ajv.compile({ type: "object", properties: schema.properties, required: schema.required });
            validators.set(schema, validate);
        }
        if (!validate(settings)) {
            const problems = (validate.errors ?? [])
                .map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`)
                .join("; ");
            throw new PackConfigError(`pack config "${policy.name}": ${problems}`);
        }
    } else if (Object.keys(settings).length > 0) {
        throw new PackConfigError(
            `pack config "${policy.name}": the policy takes no settings, got ${Object.keys(settings).join(", ")}`,
        );
    }
    return { level, settings };
}

/** Checks every key of a pack config against the policies (a typo must not silently disable a setting). */
export function validatePackConfig(config: PackConfig, policies: readonly TerracePolicy[] = allPolicies()): void {
    const names = new Set(policies.map((p) => p.name));
    for (const key of Object.keys(config)) {
        if (key !== "all" && !names.has(key)) {
            throw new PackConfigError(`pack config: "${key}" is not a policy of this pack`);
        }
    }
    levelOf(config["all"], `"all"`);
    for (const policy of policies) resolvePolicyConfig(policy, config);
}

/** Loads policy-pack/config/<stack>.json (validated against the pack's policies). */
export function loadPackConfig(stack: string): PackConfig {
    const file = path.join(__dirname, "..", "config", `${stack}.json`);
    if (!fs.existsSync(file)) {
        throw new PackConfigError(`no pack config for stack "${stack}" (expected ${file})`);
    }
    return readPackConfig(file);
}

/** Reads and validates a pack config file. */
export function readPackConfig(file: string): PackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new PackConfigError(`pack config ${file}: ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new PackConfigError(`pack config ${file}: expected a JSON object keyed by policy name`);
    }
    validatePackConfig(parsed as PackConfig);
    return parsed as PackConfig;
}

function allPolicies(): readonly TerracePolicy[] {
    // Loaded lazily so that a runner given explicit policies does not load (or depend on) every policy module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("../policies") as { policies: readonly TerracePolicy[] }).policies;
}

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "Policy does not apply");
}

const STACK_URN = (resources: readonly { urn: string }[]): string => {
    const match = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(resources[0]?.urn ?? "");
    const [stack, project] = match ? [match[1], match[2]] : ["offline", "terrace"];
    return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
};

/** The URN a resource would have at the top of a stack (good enough to be unique and readable offline). */
export function synthesiseUrn(type: string, name: string, stack = "offline", project = "terrace"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

interface Normalised extends PolicyResource {
    readonly urn: string;
}

function options(resource: Normalised): PolicyResourceOptions {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(resource.parent ? { parent: resource.parent } : {}),
    };
}

/** The provider a resource names, as the engine describes it to policies (type, name, urn, props). */
function providerOf(resource: Normalised, byUrn: ReadonlyMap<string, Normalised>): PolicyProviderResource | undefined {
    if (!resource.provider) return undefined;
    const urn = byUrn.has(resource.provider) ? resource.provider : resource.provider.replace(/::[^:]*$/, "");
    const provider = byUrn.get(urn);
    if (!provider) return undefined;
    return {
        type: provider.type,
        name: provider.name,
        urn: provider.urn,
        props: unknownCheckingProxy(structuredClone(provider.props)),
    };
}

type ResourceClass = { new (...rest: never[]): unknown; __pulumiType?: string; isInstance?: (o: unknown) => boolean };

// Same test as @pulumi/policy's server: the class's static Pulumi type, else its isInstance().
function isTypeOf(type: string, resourceClass: ResourceClass): boolean {
    if (resourceClass.__pulumiType) return resourceClass.__pulumiType === type;
    return typeof resourceClass.isInstance === "function" && resourceClass.isInstance({ __pulumiType: type }) === true;
}

function levelForReport(level: EnforcementLevel): Violation["level"] {
    // Like the engine: a violation that remains after remediation is reported as mandatory.
    return level === "advisory" ? "advisory" : "mandatory";
}

function settle(result: unknown, policy: string): void {
    if (result && typeof (result as Promise<unknown>).then === "function") {
        throw new Error(`policy ${policy}: validations must be synchronous to run offline (lib/policy.ts)`);
    }
}

/**
 * Runs resource policies on each resource and stack policies on the whole list, with each policy's
 * configuration resolved as Pulumi would (configSchema defaults + pack config), skipping disabled ones.
 */
export function runPolicies(
    resources: readonly PolicyResource[],
    config: PackConfig = {},
    policies: readonly TerracePolicy[] = allPolicies(),
): Violation[] {
    const normalised: Normalised[] = resources.map((r) => ({ ...r, urn: r.urn ?? synthesiseUrn(r.type, r.name) }));
    const byUrn = new Map(normalised.map((r) => [r.urn, r]));
    const violations: Violation[] = [];
    for (const policy of policies) {
        const { level, settings } = resolvePolicyConfig(policy, config);
        if (level === "disabled") continue;
        if (isStackPolicy(policy)) {
            violations.push(...runStackPolicy(policy, normalised, byUrn, level, settings));
        } else {
            violations.push(...runResourcePolicy(policy, normalised, byUrn, level, settings));
        }
    }
    return violations;
}

function violation(
    policy: TerracePolicy,
    level: EnforcementLevel,
    urn: string,
    text: string,
    source: string | undefined,
): Violation {
    const { controls, message } = parseFinding(text);
    return { policy: policy.name, level: levelForReport(level), urn, message, controls, ...(source ? { source } : {}) };
}

/** The pack's version as the engine reports it (package.json, like `pulumi policy publish`). */
function packVersion(): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as {
        version?: string;
    };
    return manifest.version ?? "0.0.0";
}

function cannotRun(policy: TerracePolicy, urn: string, error: Error, source: string | undefined): Violation {
    // The engine downgrades a policy that reads an unknown value to an advisory note, worded like this.
    const from = `policy '${policy.name}' from policy pack '${PACK_NAME}@v${packVersion()}'`;
    return {
        policy: policy.name,
        level: "advisory",
        urn,
        message: `can't run ${from} during preview: ${error.message}`,
        controls: [],
        ...(source ? { source } : {}),
    };
}

function runResourcePolicy(
    policy: TerraceResourcePolicy,
    resources: readonly Normalised[],
    byUrn: ReadonlyMap<string, Normalised>,
    level: EnforcementLevel,
    settings: Record<string, unknown>,
): Violation[] {
    const validations: ResourceValidation[] = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : policy.validateResource
          ? [policy.validateResource]
          : [];
    const out: Violation[] = [];
    for (const resource of resources) {
        const report: ReportViolation = (message: string) =>
            out.push(violation(policy, level, resource.urn, message, resource.source));
        for (const validate of validations) {
            const props = unknownCheckingProxy(structuredClone(resource.props));
            const args: ResourceValidationArgs = {
                type: resource.type,
                props,
                urn: resource.urn,
                name: resource.name,
                opts: options(resource),
                stackTags: new Map(),
                isType: (cls) => isTypeOf(resource.type, cls as unknown as ResourceClass),
                asType: ((cls: ResourceClass) =>
                    isTypeOf(resource.type, cls) ? props : undefined) as ResourceValidationArgs["asType"],
                getConfig: <T extends object>() => structuredClone(settings) as T,
                notApplicable,
            };
            const provider = providerOf(resource, byUrn);
            if (provider) args.provider = provider;
            try {
                settle(validate(args, report), policy.name);
            } catch (error) {
                if (error instanceof NotApplicable) continue;
                if (isUnknownValueError(error)) {
                    out.push(cannotRun(policy, resource.urn, error as Error, resource.source));
                    continue;
                }
                throw error;
            }
        }
    }
    return out;
}

function runStackPolicy(
    policy: TerraceStackPolicy,
    resources: readonly Normalised[],
    normalisedByUrn: ReadonlyMap<string, Normalised>,
    level: EnforcementLevel,
    settings: Record<string, unknown>,
): Violation[] {
    const byUrn = new Map<string, EnginePolicyResource>();
    const sources = new Map<string, string | undefined>();
    const engineResources: EnginePolicyResource[] = resources.map((r) => {
        const props = unknownCheckingProxy(structuredClone(r.props));
        const resource: EnginePolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: options(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls as unknown as ResourceClass),
            asType: ((cls: ResourceClass) =>
                isTypeOf(r.type, cls) ? props : undefined) as EnginePolicyResource["asType"],
        };
        const provider = providerOf(r, normalisedByUrn);
        if (provider) resource.provider = provider;
        byUrn.set(r.urn, resource);
        sources.set(r.urn, r.source);
        return resource;
    });
    resources.forEach((r, i) => {
        const resource = engineResources[i];
        if (r.parent && byUrn.has(r.parent)) resource.parent = byUrn.get(r.parent);
        resource.dependencies = (r.dependencies ?? [])
            .map((d) => byUrn.get(d))
            .filter((d): d is EnginePolicyResource => d !== undefined);
    });
    const stackUrn = STACK_URN(resources);
    const out: Violation[] = [];
    const report: ReportViolation = (message: string, urn?: string) =>
        out.push(violation(policy, level, urn ?? stackUrn, message, urn ? sources.get(urn) : undefined));
    const args: StackValidationArgs = {
        resources: engineResources,
        stackTags: new Map(),
        getConfig: <T extends object>() => structuredClone(settings) as T,
        notApplicable,
    };
    try {
        settle(policy.validateStack(args, report), policy.name);
    } catch (error) {
        if (error instanceof NotApplicable) return out;
        if (isUnknownValueError(error)) return [...out, cannotRun(policy, stackUrn, error as Error, undefined)];
        throw error;
    }
    return out;
}

/** True when any violation would block `pulumi up` (what the CLI and the plan turn into exit code 1). */
export function hasMandatory(violations: readonly Violation[]): boolean {
    return violations.some((v) => v.level === "mandatory" || v.level === "remediate");
}
