/** Captures of the apps-only program per stack (and with option overrides), one child process each, cached. */
import { execFile } from "child_process";
import * as path from "path";
import type { PlanCapture, PlanResource } from "../../../tools/harness";

/** The stand-in database password: specs check it never appears in a plan. */
export const DATABASE_PASSWORD = "p@ss/w0rd-standin";

const ROOT = path.resolve(__dirname, "../../..");
const cache = new Map<string, Promise<PlanCapture>>();

export function appsPlan(stack: string, overrides: readonly string[] = []): Promise<PlanCapture> {
    const id = [stack, ...overrides].join(" ");
    let plan = cache.get(id);
    if (!plan) {
        plan = new Promise((resolve, reject) => {
            execFile(
                process.execPath,
                ["--require", "tsx/cjs", path.join(__dirname, "run-apps.ts"), stack, ...overrides],
                { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_NO_WARNINGS: "1" } },
                (error, stdout, stderr) =>
                    error
                        ? reject(new Error(`apps plan ${id} failed: ${stderr.trim()}`))
                        : resolve(JSON.parse(stdout) as PlanCapture),
            );
        });
        cache.set(id, plan);
    }
    return plan;
}

export function ofType(plan: PlanCapture, type: string): PlanResource[] {
    return plan.resources.filter((r) => r.type === type);
}

export function named(plan: PlanCapture, name: string): PlanResource {
    const found = plan.resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name} in the ${plan.stack} apps plan`);
    return found;
}

/** The Kubernetes objects of a plan: apiVersion/kind/metadata/spec... as registered. */
export function manifests(plan: PlanCapture, kind: string): Record<string, any>[] {
    return plan.resources
        .filter((r) => r.type.startsWith("kubernetes:") && r.type.endsWith(`:${kind}`))
        .map((r) => r.inputs as Record<string, any>);
}
