/**
 * `npm run plan -- --stack <dev|staging|prod> [-c key=value ...] [--json] [--out DIR]`
 * Runs the program offline under mocks and shows what the stack would create, its dependency graph and the
 * policy verdicts. Exit 0 when clean, 1 when a mandatory policy is violated, 2 on a config or program error.
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../config/errors";
import { PlanCapture, PlanResource, readStackConfig, REPO_ROOT, runProgram, UsageError } from "./harness";
import { criticalPath, formatCriticalPath, writePlanOutputs } from "./plan-output";

export interface PlanViolation {
    readonly policy: string;
    readonly level: string;
    readonly urn: string;
    readonly message: string;
    readonly controls: string[];
}

export interface PlanDocument extends PlanCapture {
    readonly violations: PlanViolation[];
}

interface PlanArgs {
    stack: string;
    overrides: string[];
    json: boolean;
    out?: string;
    debug: boolean;
}

const USAGE = "usage: npm run plan -- --stack <dev|staging|prod> [-c key=value ...] [--json] [--out DIR]";

export function parseArgs(argv: readonly string[]): PlanArgs {
    const args: PlanArgs = { stack: "", overrides: [], json: false, debug: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined) throw new UsageError(`${arg} needs a value; ${USAGE}`);
            return v;
        };
        if (arg === "--stack" || arg === "-s") args.stack = value();
        else if (arg.startsWith("--stack=")) args.stack = arg.slice("--stack=".length);
        else if (arg === "-c" || arg === "--config") args.overrides.push(value());
        else if (arg === "--json") args.json = true;
        else if (arg === "--out") args.out = value();
        else if (arg === "--debug") args.debug = true;
        else throw new UsageError(`unknown argument "${arg}"; ${USAGE}`);
    }
    if (!args.stack) throw new UsageError(`--stack is required; ${USAGE}`);
    return args;
}

/**
 * The pack configuration a stack is judged with: `policy-pack/config/<stack>.json`, or for a stack of another
 * name (say `qa` with `terrace:environment: staging`) the file of its environment, as CI passes it.
 */
export function packConfigName(
    stack: string,
    environment: string | undefined,
    exists: (name: string) => boolean,
): string {
    if (exists(stack) || environment === undefined) return stack;
    return environment;
}

/** Runs every policy of the pack on the captured resources, with the stack's pack configuration. */
function checkPolicies(capture: PlanCapture, overrides: readonly string[]): PlanViolation[] {
    // Loaded lazily: the pack is a workspace of its own and the plan must not construct the PolicyPack.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runner = require("../policy-pack/lib/runner");
    const resources = capture.resources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: r.inputs,
        parent: r.parent,
        provider: r.provider,
        dependencies: r.dependencies,
    }));
    const environment = readStackConfig(capture.stack, overrides).config["terrace:environment"];
    const name = packConfigName(capture.stack, typeof environment === "string" ? environment : undefined, (n) =>
        fs.existsSync(path.join(REPO_ROOT, "policy-pack", "config", `${n}.json`)),
    );
    return runner.runPolicies(resources, runner.loadPackConfig(name)) as PlanViolation[];
}

/** The layer a resource belongs to: the `terrace:<layer>:<Type>` component it descends from. */
export function layerOf(resource: PlanResource, byUrn: ReadonlyMap<string, PlanResource>): string {
    let node: PlanResource | undefined = resource;
    let layer = "program";
    while (node) {
        const m = /^terrace:([a-z]+):/.exec(node.type);
        if (m) layer = m[1];
        node = node.parent ? byUrn.get(node.parent) : undefined;
    }
    return layer;
}

export function summarise(doc: PlanDocument): string {
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    const layers = new Map<string, Map<string, number>>();
    for (const r of doc.resources) {
        if (r.type === "pulumi:pulumi:Stack") continue;
        const layer = layerOf(r, byUrn);
        const types = layers.get(layer) ?? new Map<string, number>();
        types.set(r.type, (types.get(r.type) ?? 0) + 1);
        layers.set(layer, types);
    }
    const lines = [
        `Stack ${doc.project}/${doc.stack}: ${doc.resources.length} resources (offline plan, no credentials)`,
    ];
    const order = ["infra", "platform", "apps", "program"];
    for (const layer of [...layers.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b))) {
        const types = layers.get(layer)!;
        const total = [...types.values()].reduce((a, b) => a + b, 0);
        lines.push("", `${layer} (${total})`);
        for (const [type, n] of [...types.entries()].sort()) lines.push(`  ${String(n).padStart(4)}  ${type}`);
    }
    const releases = doc.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
    if (releases.length) {
        lines.push("", "Helm releases");
        for (const r of releases)
            lines.push(
                `  ${r.name}: ${String(r.inputs.chart)} ${String(r.inputs.version)} in ${String(r.inputs.namespace)}`,
            );
    }
    lines.push("", "Outputs");
    for (const [k, v] of Object.entries(doc.outputs)) {
        const text = typeof v === "string" ? v : JSON.stringify(v);
        lines.push(`  ${k}: ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`);
    }
    lines.push("", `Policy violations: ${doc.violations.length}`);
    for (const v of doc.violations) lines.push(`  [${v.level}] ${v.policy}: ${v.message} (${v.urn.split("::").pop()})`);
    return lines.join("\n");
}

export function exitCodeFor(doc: PlanDocument): number {
    return doc.violations.some((v) => v.level === "mandatory") ? 1 : 0;
}

async function main(argv: readonly string[]): Promise<number> {
    let args: PlanArgs | undefined;
    try {
        args = parseArgs(argv);
        const capture = await runProgram({ stack: args.stack, overrides: args.overrides });
        const doc: PlanDocument = { ...capture, violations: checkPolicies(capture, args.overrides) };
        if (args.out) writePlanOutputs(doc, args.out);
        // The critical path is an addition to the plan document: the DESIGN contract's keys stay as they are.
        const critical = criticalPath(doc);
        process.stdout.write(
            args.json
                ? `${JSON.stringify({ ...doc, criticalPath: critical }, null, 2)}\n`
                : `${summarise(doc)}\n\n${formatCriticalPath(critical)}\n`,
        );
        return exitCodeFor(doc);
    } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (error instanceof ConfigError) {
            // Every problem of the configuration at once, one line each, sorted by key.
            for (const line of error.message.split("\n")) process.stderr.write(`error: ${line}\n`);
        } else if (error instanceof UsageError) {
            process.stderr.write(`error: ${error.message}\n`);
        } else {
            process.stderr.write(`error: ${error.message.split("\n")[0]}\n`);
            if (args?.debug) process.stderr.write(`${error.stack}\n`);
        }
        return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        // Exit only once stdout is flushed: a large --json document written to a pipe is otherwise cut short.
        (code) => process.stdout.write("", () => process.exit(code)),
        () => process.stdout.write("", () => process.exit(2)),
    );
}
