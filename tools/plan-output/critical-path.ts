/**
 * The critical path of `pulumi up`: the chain of resources, each waiting for the one before it, whose creation
 * times add up to the longest total. With unbounded parallelism (the CLI default) the stack cannot be created
 * faster than that chain, however many other resources there are.
 */
import { creationMinutes } from "./creation-times";
import { waitGraph, WaitReason } from "./graph";
import { LOCAL_COMPONENT_PACKAGE, PlanDocument, PlanResource } from "./plan-document";

export interface CriticalStep {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Estimated creation minutes of this resource. */
    readonly minutes: number;
    /** Minutes after the start of `pulumi up` at which it can start and at which it is ready. */
    readonly start: number;
    readonly finish: number;
    /** Why it waits for the previous step (absent on the first). */
    readonly waitsBecause?: WaitReason;
    /** For a wait through a component: the component the dependency named. */
    readonly via?: string;
}

export interface CriticalPathResult {
    /** The longest chain, first resource first. */
    readonly path: readonly CriticalStep[];
    /** Estimated minutes of the chain: the least `pulumi up` can take. */
    readonly minutes: number;
    /** Sum of every resource's estimated creation minutes: what one-at-a-time creation would take. */
    readonly sumMinutes: number;
    /** Resources that take time to create (custom resources and remote components). */
    readonly resourceCount: number;
    /** Resource types with no entry in creation-times.ts (a default was assumed). */
    readonly unknownTypes: readonly string[];
    /** Waits ignored because they closed a cycle (there should be none). */
    readonly ignoredWaits: readonly { readonly from: string; readonly to: string }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

function estimate(r: PlanResource): { minutes: number; known: boolean } {
    // A local component without children does nothing by itself.
    if (!r.custom && r.type.startsWith(`${LOCAL_COMPONENT_PACKAGE}:`)) return { minutes: 0, known: true };
    return creationMinutes(r);
}

export function criticalPath(doc: Pick<PlanDocument, "resources">): CriticalPathResult {
    const graph = waitGraph(doc, { placement: true });
    const minutes = new Map<string, number>();
    const unknown = new Set<string>();
    let sum = 0;
    for (const r of graph.nodes) {
        const e = estimate(r);
        minutes.set(r.urn, e.minutes);
        sum += e.minutes;
        if (!e.known) unknown.add(r.type);
    }

    // Earliest finish of each resource: its own time after the latest of what it waits for (longest path in a DAG).
    const finish = new Map<string, number>();
    const best = new Map<string, number>(); // index into waits of the wait that decides the start
    const state = new Map<string, "visiting" | "done">();
    const ignored: { from: string; to: string }[] = [];
    const visit = (urn: string): number => {
        const done = finish.get(urn);
        if (done !== undefined) return done;
        state.set(urn, "visiting");
        let start = 0;
        let chosen = -1;
        const waits = graph.waits.get(urn) ?? [];
        waits.forEach((w, i) => {
            if (!minutes.has(w.urn)) return;
            if (state.get(w.urn) === "visiting") {
                ignored.push({ from: urn, to: w.urn });
                return;
            }
            const f = visit(w.urn);
            if (chosen < 0 || f > start) {
                start = f;
                chosen = i;
            }
        });
        const f = start + (minutes.get(urn) ?? 0);
        finish.set(urn, f);
        best.set(urn, chosen);
        state.set(urn, "done");
        return f;
    };
    for (const r of graph.nodes) visit(r.urn);

    let end: PlanResource | undefined;
    for (const r of graph.nodes) {
        if (!end || (finish.get(r.urn) ?? 0) > (finish.get(end.urn) ?? 0)) end = r;
    }
    const reversed: CriticalStep[] = [];
    let current = end;
    while (current) {
        const f = finish.get(current.urn) ?? 0;
        const m = minutes.get(current.urn) ?? 0;
        const waits = graph.waits.get(current.urn) ?? [];
        const i = best.get(current.urn) ?? -1;
        const w = i >= 0 ? waits[i] : undefined;
        reversed.push({
            urn: current.urn,
            type: current.type,
            name: current.name,
            minutes: round(m),
            start: round(f - m),
            finish: round(f),
            ...(w ? { waitsBecause: w.reason, ...(w.via ? { via: w.via } : {}) } : {}),
        });
        current = w ? graph.index.byUrn.get(w.urn) : undefined;
    }
    const path = reversed.reverse();
    return {
        path,
        minutes: round(end ? (finish.get(end.urn) ?? 0) : 0),
        sumMinutes: round(sum),
        resourceCount: graph.nodes.length,
        unknownTypes: [...unknown].sort(),
        ignoredWaits: ignored,
    };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const num = (n: number) => n.toFixed(1).padStart(5);

/** A component's name from its URN (the last `::` segment). */
function urnName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The text summary printed by `npm run plan`. */
export function formatCriticalPath(result: CriticalPathResult): string {
    const lines: string[] = [];
    const factor = result.minutes > 0 ? result.sumMinutes / result.minutes : 1;
    lines.push(
        `Critical path of pulumi up (estimated): ${result.minutes.toFixed(1)} min over ${result.path.length} resources; ` +
            `${result.sumMinutes.toFixed(1)} min if the ${result.resourceCount} resources were created one at a time ` +
            `(parallelism x${factor.toFixed(1)}).`,
    );
    const typeWidth = Math.min(48, Math.max(0, ...result.path.map((s) => s.type.length)));
    for (const step of result.path) {
        const why = step.waitsBecause
            ? step.waitsBecause === "component" && step.via
                ? `  (waits through component ${urnName(step.via)})`
                : step.waitsBecause === "dependency"
                  ? ""
                  : step.waitsBecause === "placement"
                    ? "  (its pods need these nodes)"
                    : `  (waits for its ${step.waitsBecause})`
            : "";
        lines.push(`  ${num(step.start)} -> ${num(step.finish)}  ${pad(step.type, typeWidth)}  ${step.name}${why}`);
    }
    if (result.unknownTypes.length > 0) {
        lines.push(
            `  No creation time for ${result.unknownTypes.join(", ")}: assumed quick (tools/plan-output/creation-times.ts).`,
        );
    }
    if (result.ignoredWaits.length > 0) {
        lines.push(`  ${result.ignoredWaits.length} wait(s) ignored because they form a cycle.`);
    }
    return lines.join("\n");
}
