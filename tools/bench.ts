/**
 * `npm run bench [-- --runs N] [--stack S ...]`: the wall time of the offline plan, as a user runs it (a fresh
 * `node --require tsx/cjs tools/plan.ts --stack S --json` process each time), N times per stack, and the median.
 * A benchmark, not a test: it asserts nothing, it reports. Figures go to docs/benchmark.md.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

export interface BenchArgs {
    readonly runs: number;
    readonly stacks: readonly string[];
}

export interface BenchResult {
    readonly stack: string;
    /** Wall times in seconds, in run order. */
    readonly seconds: readonly number[];
    readonly resources: number;
    readonly exitCode: number;
}

const USAGE = "usage: npm run bench [-- --runs N] [--stack dev|staging|prod ...]";

export function stacksInRepo(root = ROOT): string[] {
    const order = ["dev", "staging", "prod"];
    return fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
    let runs = 5;
    const stacks: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--runs") {
            runs = Number(argv[++i]);
            if (!Number.isInteger(runs) || runs < 1)
                throw new Error(`--runs: got "${argv[i]}"; allowed: a whole number >= 1`);
        } else if (arg === "--stack") {
            const stack = argv[++i];
            if (!known.includes(stack)) throw new Error(`--stack: got "${stack}"; allowed: ${known.join(", ")}`);
            stacks.push(stack);
        } else {
            throw new Error(`unknown argument "${arg}"; ${USAGE}`);
        }
    }
    return { runs, stacks: stacks.length ? stacks : known };
}

export function median(values: readonly number[]): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One plan run in a fresh process; returns its wall time, exit code and resource count. */
function runPlan(stack: string): { seconds: number; exitCode: number; resources: number; stderr: string } {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ["--require", "tsx/cjs", "tools/plan.ts", "--stack", stack, "--json"], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    let resources = 0;
    try {
        resources = (JSON.parse(child.stdout) as { resources: unknown[] }).resources.length;
    } catch {
        resources = 0;
    }
    return { seconds, exitCode: child.status ?? 2, resources, stderr: child.stderr };
}

export function formatResults(results: readonly BenchResult[], runs: number): string {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const lines = [
        `Offline plan wall time, ${runs} runs per stack (node ${process.version}, ${os.cpus().length} x ${cpu.trim()}):`,
        "",
        "| stack | resources | median (s) | min (s) | max (s) |",
        "| --- | --- | --- | --- | --- |",
        ...results.map(
            (r) =>
                `| ${r.stack} | ${r.resources} | ${median(r.seconds).toFixed(2)} | ${Math.min(...r.seconds).toFixed(2)} | ` +
                `${Math.max(...r.seconds).toFixed(2)} |`,
        ),
    ];
    return lines.join("\n");
}

function main(argv: readonly string[]): number {
    let args: BenchArgs;
    try {
        args = parseBenchArgs(argv, stacksInRepo());
    } catch (err) {
        process.stderr.write(`error: ${(err as Error).message}\n`);
        return 2;
    }
    // One untimed run fills tsx's transpile cache, so the first timed run is not an outlier.
    runPlan(args.stacks[0]);
    const results: BenchResult[] = [];
    for (const stack of args.stacks) {
        const seconds: number[] = [];
        let last = { exitCode: 0, resources: 0, stderr: "" };
        for (let i = 0; i < args.runs; i++) {
            const run = runPlan(stack);
            // Exit 1 (a mandatory policy violated) is a complete plan; exit 2 is a failed one.
            if (run.exitCode === 2) {
                process.stderr.write(`error: plan --stack ${stack} failed: ${run.stderr.trim().split("\n")[0]}\n`);
                return 2;
            }
            seconds.push(run.seconds);
            last = run;
            process.stderr.write(`${stack} run ${i + 1}/${args.runs}: ${run.seconds.toFixed(2)} s\n`);
        }
        results.push({ stack, seconds, resources: last.resources, exitCode: last.exitCode });
    }
    process.stdout.write(`${formatResults(results, args.runs)}\n`);
    return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
