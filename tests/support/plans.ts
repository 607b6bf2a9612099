/**
 * Plans of the real stacks for specs. Each stack runs once per mocha process, in a child process of its own
 * (Pulumi mocks are global to a process), through the same command users run: `tools/plan.ts --json`.
 */
import { execFile } from "child_process";
import * as path from "path";
import type { PlanCapture, PlanResource } from "../../tools/harness";
import type { PlanDocument } from "../../tools/plan";

export type { PlanDocument } from "../../tools/plan";
export type { PlanResource } from "../../tools/harness";

export const STACKS = ["dev", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

const ROOT = path.resolve(__dirname, "../..");

export interface PlanRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `tools/plan.ts` with the given arguments and resolves with its exit code and output. */
export function runPlanCommand(args: readonly string[]): Promise<PlanRun> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["--require", "tsx/cjs", path.join(ROOT, "tools/plan.ts"), ...args],
            { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NODE_NO_WARNINGS: "1" } },
            (error, stdout, stderr) => {
                const code = error ? (typeof error.code === "number" ? error.code : 2) : 0;
                resolve({ code, stdout, stderr });
            },
        );
    });
}

const cache = new Map<string, Promise<PlanDocument>>();

/** The JSON plan of a stack (exit 0 or 1 both give a document; exit 2 rejects with the error line). */
export function planFor(stack: StackName): Promise<PlanDocument> {
    let plan = cache.get(stack);
    if (!plan) {
        plan = runPlanCommand(["--stack", stack, "--json"]).then((run) => {
            if (run.code === 2) throw new Error(`plan --stack ${stack} failed: ${run.stderr.trim()}`);
            return JSON.parse(run.stdout) as PlanDocument;
        });
        cache.set(stack, plan);
    }
    return plan;
}

/** Starts all three plans at once so specs that need them do not wait one after another. */
export function warmPlans(): void {
    for (const stack of STACKS) void planFor(stack).catch(() => undefined);
}

export function resourcesOfType(plan: PlanDocument, type: string): PlanResource[] {
    return plan.resources.filter((r) => r.type === type);
}

export function resourceNamed(plan: PlanDocument, type: string, name: string): PlanResource {
    const found = plan.resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`no ${type} named ${name} in the ${plan.stack} plan`);
    return found;
}

/** True when `from` depends on `to`, directly or through other resources. */
export function dependsTransitively(plan: PlanCapture, from: string, to: string): boolean {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
        const urn = stack.pop()!;
        for (const dep of byUrn.get(urn)?.dependencies ?? []) {
            if (dep === to) return true;
            if (!seen.has(dep)) {
                seen.add(dep);
                stack.push(dep);
            }
        }
    }
    return false;
}
