/**
 * The offline policy check (DESIGN.md "Interfaces"):
 *   npm run policy -- check [--json] [--config FILE] PATH...
 * Runs the pack on Kubernetes YAML or JSON (plan documents, { type, name, props } lists). Exit 0 when clean,
 * 1 when a mandatory policy is violated, 2 on usage, input or pack-config errors.
 *   npm run policy -- table
 * Prints the policies table of docs/policy-pack.md (a spec keeps the two equal).
 */
import { InputError, expandPath, resourcesFromFile } from "../policy-pack/lib/manifests";
import { TerracePolicy, isStackPolicy } from "../policy-pack/lib/policy";
import {
    PackConfig,
    PackConfigError,
    PolicyResource,
    Violation,
    hasMandatory,
    readPackConfig,
    runPolicies,
} from "../policy-pack/lib/runner";

export const USAGE = "usage: npm run policy -- check [--json] [--config FILE] PATH...\n       npm run policy -- table";

export interface CheckOptions {
    readonly json: boolean;
    readonly config?: string;
    readonly paths: readonly string[];
}

export class UsageError extends Error {}

/** Parses `check [--json] [--config FILE] PATH...`. */
export function parseArgs(argv: readonly string[]): CheckOptions {
    const [command, ...rest] = argv;
    if (command !== "check") {
        throw new UsageError(command === undefined ? "missing command" : `unknown command "${command}"`);
    }
    let json = false;
    let config: string | undefined;
    const paths: string[] = [];
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (arg === "--json") {
            json = true;
        } else if (arg === "--config") {
            config = rest[++i];
            if (config === undefined) throw new UsageError("--config needs a FILE");
        } else if (arg.startsWith("--config=")) {
            config = arg.slice("--config=".length);
        } else if (arg === "--") {
            paths.push(...rest.slice(i + 1));
            break;
        } else if (arg.startsWith("-")) {
            throw new UsageError(`unknown option "${arg}"`);
        } else {
            paths.push(arg);
        }
    }
    if (paths.length === 0) throw new UsageError("no PATH given");
    return { json, config, paths };
}

function describe(resource: PolicyResource | undefined): string {
    return resource ? `${resource.type.replace(/^kubernetes:.*:/, "")} ${resource.name}` : "stack";
}

/** The human report: one line per violation, then a summary. */
export function formatText(violations: readonly Violation[], resources: readonly PolicyResource[]): string {
    const bySource = new Map(resources.map((r) => [r.source, r]));
    const lines = violations.map((v) => {
        const where = v.source ? `${v.source} (${describe(bySource.get(v.source))})` : v.urn;
        const controls = v.controls.length > 0 ? `[${v.controls.join(", ")}] ` : "";
        return `${v.level.toUpperCase()} ${v.policy} ${where}: ${controls}${v.message}`;
    });
    const mandatory = violations.filter((v) => v.level !== "advisory").length;
    lines.push(
        violations.length === 0
            ? `no violations in ${resources.length} resources`
            : `${violations.length} violations (${mandatory} mandatory, ${violations.length - mandatory} advisory) in ${resources.length} resources`,
    );
    return lines.join("\n");
}

/** Runs the check; returns the exit code and what to print. */
export function check(options: CheckOptions): { code: number; stdout: string } {
    const config: PackConfig = options.config ? readPackConfig(options.config) : {};
    const resources = options.paths.flatMap((given) => expandPath(given).flatMap(resourcesFromFile));
    const violations = runPolicies(resources, config);
    const stdout = options.json ? JSON.stringify({ violations }, null, 2) : formatText(violations, resources);
    return { code: hasMandatory(violations) ? 1 : 0, stdout };
}

/** The markdown rows of the policies table (docs/policy-pack.md), one per policy in pack order. */
export function policyTable(policies: readonly TerracePolicy[]): string {
    return policies
        .map((p) => {
            const controls = p.controls.map((c) => `\`${c}\``).join(", ");
            const kind = isStackPolicy(p) ? "stack" : "resource";
            return `| \`${p.name}\` | ${kind} | ${p.enforcementLevel ?? "advisory"} | ${controls} | ${p.description.replace(/\|/g, "\\|")} |`;
        })
        .join("\n");
}

export function main(argv: readonly string[]): number {
    if (argv.length === 1 && argv[0] === "table") {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { policies } = require("../policy-pack/policies") as { policies: readonly TerracePolicy[] };
        process.stdout.write(`${policyTable(policies)}\n`);
        return 0;
    }
    try {
        const { code, stdout } = check(parseArgs(argv));
        process.stdout.write(`${stdout}\n`);
        return code;
    } catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`policy: ${error.message}\n${USAGE}\n`);
            return 2;
        }
        if (error instanceof InputError || error instanceof PackConfigError) {
            process.stderr.write(`policy: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
