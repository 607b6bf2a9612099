/**
 * The wait graph of `pulumi up`: which resources each resource waits for before the engine creates it. It follows
 * the Node SDK (runtime/dependsOn.ts): a dependency on a local component is a dependency on every resource
 * reachable through its component children (not below custom resources); a remote component counts as itself
 * plus its local children. A resource also waits for its provider, and for a custom or remote parent, whose URN
 * only resolves once that parent is created.
 *
 * With `placement`, the graph also holds the waits Pulumi does not know about but the cluster imposes: a resource
 * that waits for its pods to be ready (a workload, a Helm release that waits, an EKS add-on) cannot be ready
 * before the node group of each tier its pods select exists.
 */
import { nodeGroupTier, podTiers, waitsForPods } from "./placement";
import { PlanDocument, PlanResource, providerUrn, ResourceIndex, STACK_TYPE } from "./plan-document";

/** Why a resource waits for another: the edge kinds, so a needless wait on the critical path is visible. */
export type WaitReason = "dependency" | "component" | "provider" | "parent" | "placement";

export interface Wait {
    /** The resource waited for. */
    readonly urn: string;
    readonly reason: WaitReason;
    /** For `component`: the component the dependency named, which was expanded to its children. */
    readonly via?: string;
}

export interface WaitGraph {
    readonly index: ResourceIndex;
    /** The scheduled resources (custom resources and opaque components), in plan order. */
    readonly nodes: readonly PlanResource[];
    /** For each scheduled resource, what it waits for (scheduled resources only, no duplicates, no self). */
    readonly waits: ReadonlyMap<string, readonly Wait[]>;
}

/** The scheduled resources a dependency on `urn` stands for. */
export function expandDependency(index: ResourceIndex, urn: string): string[] {
    const out: string[] = [];
    const visited = new Set<string>();
    const visit = (u: string) => {
        const r = index.byUrn.get(u);
        if (!r || visited.has(u) || r.type === STACK_TYPE) return;
        visited.add(u);
        if (r.custom) {
            out.push(u);
            return;
        }
        if (index.isOpaque(r)) out.push(u);
        for (const child of index.childrenOf(u)) visit(child.urn);
    };
    visit(urn);
    return out;
}

export interface WaitGraphOptions {
    /** Add the waits of pods for their tier's nodes (reason `placement`); default false: Pulumi's waits only. */
    readonly placement?: boolean;
}

export function waitGraph(doc: Pick<PlanDocument, "resources">, options: WaitGraphOptions = {}): WaitGraph {
    const index = new ResourceIndex(doc.resources);
    const nodes = doc.resources.filter((r) => index.isScheduled(r));
    const nodeGroupsByTier = new Map<string, string[]>();
    for (const r of nodes) {
        const tier = nodeGroupTier(r);
        if (tier) nodeGroupsByTier.set(tier, [...(nodeGroupsByTier.get(tier) ?? []), r.urn]);
    }
    const expansions = new Map<string, string[]>();
    const expand = (urn: string) => {
        let e = expansions.get(urn);
        if (!e) {
            e = expandDependency(index, urn);
            expansions.set(urn, e);
        }
        return e;
    };
    const waits = new Map<string, Wait[]>();
    for (const r of nodes) {
        const list: Wait[] = [];
        const seen = new Set<string>([r.urn]);
        const add = (w: Wait) => {
            if (seen.has(w.urn) || !index.byUrn.has(w.urn)) return;
            seen.add(w.urn);
            list.push(w);
        };
        for (const dep of r.dependencies) {
            const target = index.byUrn.get(dep);
            if (!target) continue;
            if (index.isScheduled(target)) add({ urn: dep, reason: "dependency" });
            for (const u of expand(dep)) if (u !== dep) add({ urn: u, reason: "component", via: dep });
        }
        const provider = providerUrn(r.provider, index.byUrn);
        if (provider) add({ urn: provider, reason: "provider" });
        const parent = index.parentOf(r);
        if (parent && index.isScheduled(parent)) add({ urn: parent.urn, reason: "parent" });
        if (options.placement && waitsForPods(r)) {
            for (const tier of podTiers(r))
                for (const u of nodeGroupsByTier.get(tier) ?? []) add({ urn: u, reason: "placement" });
        }
        waits.set(r.urn, list);
    }
    return { index, nodes, waits };
}
