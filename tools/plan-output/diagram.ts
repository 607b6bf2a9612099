/**
 * A Mermaid diagram of what a stack creates, drawn from the captured graph: network, cluster, the tiers with what
 * runs on each, the database, releases and workloads, and which waits for which.
 *
 * Only "anchors" are drawn (VPC, cluster, node groups, EKS add-ons, databases, Helm releases, workloads, Gateways).
 * Every other resource is folded into the one anchor it belongs to (its component holds only that anchor, or is
 * linked to only that one) and counted in its label, unless folding it would draw a wait that does not exist. A
 * resource shared by several anchors (a namespace, the Kubernetes provider, a node role) is not drawn, and the
 * waits pass through it. Workloads with the same tier and the same waits are drawn as one node; implied arrows are
 * dropped (transitive reduction). The graph is Pulumi's waits only: a pod's need for its tier's nodes is shown by
 * the subgraph it sits in, not by an arrow.
 */
import { TIER_NAMES, TierName, TIERS } from "../../infra/tiers";
import { criticalPath } from "./critical-path";
import { waitGraph, WaitGraph } from "./graph";
import { gatewayTiers, nodeGroupTier, podTiers } from "./placement";
import { HELM_RELEASE_TYPE, isRecord, PlanDocument, PlanResource, typeKind } from "./plan-document";

export type AnchorCategory =
    "network" | "cluster" | "nodegroup" | "addon" | "database" | "release" | "workload" | "gateway";

const CATEGORY_BY_TYPE: Readonly<Record<string, AnchorCategory>> = {
    "aws:ec2/vpc:Vpc": "network",
    "eks:index:Cluster": "cluster",
    "aws:eks/cluster:Cluster": "cluster",
    "aws:eks/nodeGroup:NodeGroup": "nodegroup",
    "eks:index:ManagedNodeGroup": "nodegroup",
    "eks:index:NodeGroupV2": "nodegroup",
    "aws:eks/addon:Addon": "addon",
    "aws:rds/instance:Instance": "database",
    "aws:rds/cluster:Cluster": "database",
    [HELM_RELEASE_TYPE]: "release",
    "kubernetes:helm.sh/v4:Chart": "release",
    "kubernetes:apps/v1:Deployment": "workload",
    "kubernetes:apps/v1:StatefulSet": "workload",
    "kubernetes:apps/v1:DaemonSet": "workload",
    "kubernetes:batch/v1:Job": "workload",
    "kubernetes:batch/v1:CronJob": "workload",
    "kubernetes:gateway.networking.k8s.io/v1:Gateway": "gateway",
};

export function anchorCategory(r: Pick<PlanResource, "type">): AnchorCategory | undefined {
    return CATEGORY_BY_TYPE[r.type];
}

/** Where an anchor is drawn: a tier, the cluster without a tier, or outside the cluster. */
export type Placement = TierName | "untiered" | "cluster" | "network" | "database";

interface Anchor {
    readonly resource: PlanResource;
    readonly category: AnchorCategory;
    readonly placement: Placement;
    /** Other tiers the anchor also places pods on. */
    readonly alsoOn: readonly TierName[];
}

export function anchorOf(r: PlanResource): Anchor | undefined {
    const category = anchorCategory(r);
    if (!category) return undefined;
    const tiered = (tiers: TierName[], otherwise: Placement): Anchor => ({
        resource: r,
        category,
        placement: tiers[0] ?? otherwise,
        alsoOn: tiers.slice(1),
    });
    switch (category) {
        case "network":
        case "database":
            return { resource: r, category, placement: category, alsoOn: [] };
        case "cluster":
            return { resource: r, category, placement: "cluster", alsoOn: [] };
        case "nodegroup": {
            const tier = nodeGroupTier(r);
            return tiered(tier ? [tier] : [], "untiered");
        }
        case "addon":
            return tiered(podTiers(r), "cluster");
        case "release":
        case "workload":
            return tiered(podTiers(r), "untiered");
        case "gateway":
            return tiered(gatewayTiers(r), "untiered");
    }
}

/** A drawn node: one anchor, or several workloads with the same place and the same waits. */
interface DisplayNode {
    readonly id: string;
    readonly anchors: Anchor[];
    /** Resources folded into the node (the anchors included). */
    readonly members: Set<string>;
}

export interface ArchitectureGraph {
    readonly nodes: readonly DisplayNode[];
    /** Edges `[from, to]` by node id: `to` waits for `from`. Transitively reduced. */
    readonly edges: readonly (readonly [string, string])[];
    /** Resources shared by several anchors, by kind: not drawn. */
    readonly shared: ReadonlyMap<string, number>;
}

/** A Mermaid-safe identifier: `[A-Za-z0-9_]`, starting with a letter. */
export function mermaidId(prefix: string, value: string): string {
    return `${prefix}_${value.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}`;
}

/** Text for a quoted Mermaid label: characters that end or confuse a label become entity codes. */
export function mermaidText(value: string): string {
    return value
        .replace(/#/g, "#35;")
        .replace(/"/g, "#quot;")
        .replace(/</g, "#lt;")
        .replace(/>/g, "#gt;")
        .replace(/`/g, "'")
        .replace(/[\r\n]+/g, " ");
}

/** Decides which resources fold into which anchor. */
function owners(graph: WaitGraph, anchors: ReadonlyMap<string, Anchor>): Map<string, string> {
    const { index } = graph;
    const subtree = new Map<string, string[]>();
    const anchorsBelow = (urn: string): string[] => {
        const cached = subtree.get(urn);
        if (cached) return cached;
        const found: string[] = [];
        for (const child of index.childrenOf(urn)) {
            if (anchors.has(child.urn)) found.push(child.urn);
            found.push(...anchorsBelow(child.urn));
        }
        subtree.set(urn, found);
        return found;
    };
    const waitsFor = (a: string, b: string) => (graph.waits.get(a) ?? []).some((w) => w.urn === b);
    const linked = (r: string, a: string) => waitsFor(r, a) || waitsFor(a, r);
    const owner = new Map<string, string>();
    for (const r of graph.nodes) {
        if (anchors.has(r.urn)) {
            owner.set(r.urn, r.urn);
            continue;
        }
        let found: string | undefined;
        let decided = false;
        for (let p = index.parentOf(r); p && !decided; p = index.parentOf(p)) {
            if (anchors.has(p.urn)) {
                found = p.urn;
                decided = true;
                break;
            }
            const below = anchorsBelow(p.urn);
            if (below.length === 0) continue;
            const candidates = below.length === 1 ? below : below.filter((a) => linked(r.urn, a));
            found = candidates.length === 1 ? candidates[0] : undefined;
            decided = true;
        }
        if (!decided) {
            const candidates = [...anchors.keys()].filter((a) => linked(r.urn, a));
            found = candidates.length === 1 ? candidates[0] : undefined;
        }
        if (found) owner.set(r.urn, found);
    }

    // A folded resource that something drawn outside its anchor waits for (directly or through resources not
    // drawn) draws the arrow anchor -> user. That arrow is false when neither the resource nor the user comes after
    // the anchor: a security group of the database component that the node groups use does not make them wait for
    // the database. Such a resource is shared instead, and never folded again.
    const after = (from: string, anchor: string): boolean => {
        const seen = new Set<string>();
        const stack = [from];
        while (stack.length) {
            const u = stack.pop()!;
            if (u === anchor) return true;
            if (seen.has(u)) continue;
            seen.add(u);
            for (const w of graph.waits.get(u) ?? []) stack.push(w.urn);
        }
        return false;
    };
    const waitedBy = new Map<string, string[]>();
    for (const r of graph.nodes) {
        for (const w of graph.waits.get(r.urn) ?? []) waitedBy.set(w.urn, [...(waitedBy.get(w.urn) ?? []), r.urn]);
    }
    const drawnUsers = (m: string): string[] => {
        const found: string[] = [];
        const seen = new Set<string>([m]);
        const stack = [...(waitedBy.get(m) ?? [])];
        while (stack.length) {
            const u = stack.pop()!;
            if (seen.has(u)) continue;
            seen.add(u);
            if (owner.has(u)) found.push(u);
            else stack.push(...(waitedBy.get(u) ?? []));
        }
        return found;
    };
    // The drawn resources a resource waits for, directly or through resources not drawn.
    const drawnWaits = (m: string): string[] => {
        const found: string[] = [];
        const seen = new Set<string>([m]);
        const stack = (graph.waits.get(m) ?? []).map((w) => w.urn);
        while (stack.length) {
            const u = stack.pop()!;
            if (seen.has(u)) continue;
            seen.add(u);
            if (owner.has(u)) found.push(u);
            else stack.push(...(graph.waits.get(u) ?? []).map((w) => w.urn));
        }
        return found;
    };
    const shared = new Set<string>();
    const prune = (): boolean => {
        let changed = false;
        for (const [m, a] of owner) {
            if (m === a) continue;
            // Folding also draws pred -> anchor for what the resource waits for: false unless the anchor itself
            // waits for it (a ServiceMonitor waits for the Prometheus operator's CRDs; its Deployment does not).
            const misledIn = drawnWaits(m).some((u) => {
                const p = owner.get(u)!;
                return p !== a && !after(a, p);
            });
            const misledOut = !after(m, a) && drawnUsers(m).some((user) => owner.get(user) !== a && !after(user, a));
            if (misledIn || misledOut) {
                owner.delete(m);
                shared.add(m);
                changed = true;
            }
        }
        return changed;
    };
    // A resource linked only to the members of one anchor of its own component follows them: a bucket's policy,
    // versioning and encryption go where the bucket goes.
    const propagate = (): boolean => {
        let changed = false;
        for (const r of graph.nodes) {
            if (owner.has(r.urn) || shared.has(r.urn)) continue;
            const neighbours = [...(graph.waits.get(r.urn) ?? []).map((w) => w.urn), ...(waitedBy.get(r.urn) ?? [])];
            const linkedOwners = new Set(
                neighbours.map((n) => owner.get(n)).filter((o): o is string => o !== undefined),
            );
            if (linkedOwners.size !== 1) continue;
            const [a] = linkedOwners;
            const parent = index.parentOf(r);
            if (!parent || !anchorsBelow(parent.urn).includes(a)) continue;
            owner.set(r.urn, a);
            changed = true;
        }
        return changed;
    };
    for (let round = 0; round < 100; round++) {
        const pruned = prune();
        const propagated = propagate();
        if (!pruned && !propagated) break;
    }
    return owner;
}

/** Anchor-level waits: for each anchor, the anchors its members wait for, through resources not drawn. */
function anchorEdges(graph: WaitGraph, owner: ReadonlyMap<string, string>): Map<string, Set<string>> {
    const through = new Map<string, Set<string>>();
    const resolving = new Set<string>();
    // The anchors reached from a resource that is not drawn, following its waits.
    const reach = (urn: string): Set<string> => {
        const cached = through.get(urn);
        if (cached) return cached;
        const out = new Set<string>();
        if (resolving.has(urn)) return out;
        resolving.add(urn);
        for (const w of graph.waits.get(urn) ?? []) {
            const o = owner.get(w.urn);
            if (o) out.add(o);
            else for (const a of reach(w.urn)) out.add(a);
        }
        resolving.delete(urn);
        through.set(urn, out);
        return out;
    };
    const preds = new Map<string, Set<string>>();
    for (const r of graph.nodes) {
        const mine = owner.get(r.urn);
        if (!mine) continue;
        const set = preds.get(mine) ?? new Set<string>();
        for (const w of graph.waits.get(r.urn) ?? []) {
            const o = owner.get(w.urn);
            const targets = o ? [o] : [...reach(w.urn)];
            for (const t of targets) if (t !== mine) set.add(t);
        }
        preds.set(mine, set);
    }
    return preds;
}

/** Removes each edge whose target stays reachable from its source without it. Keeps reachability intact. */
export function transitiveReduction(
    nodes: readonly string[],
    edges: readonly (readonly [string, string])[],
): [string, string][] {
    const out = new Map<string, Set<string>>(nodes.map((n) => [n, new Set<string>()]));
    for (const [a, b] of edges) out.get(a)?.add(b);
    const reachableWithout = (from: string, to: string): boolean => {
        const seen = new Set<string>([from]);
        const stack = [...(out.get(from) ?? [])].filter((n) => n !== to);
        while (stack.length) {
            const n = stack.pop()!;
            if (n === to) return true;
            if (seen.has(n)) continue;
            seen.add(n);
            stack.push(...(out.get(n) ?? []));
        }
        return false;
    };
    const kept: [string, string][] = [];
    for (const [a, b] of edges) {
        if (reachableWithout(a, b)) out.get(a)?.delete(b);
        else kept.push([a, b]);
    }
    return kept;
}

export function architectureGraph(doc: Pick<PlanDocument, "resources">): ArchitectureGraph {
    const graph = waitGraph(doc);
    const anchors = new Map<string, Anchor>();
    for (const r of graph.nodes) {
        const a = anchorOf(r);
        if (a) anchors.set(r.urn, a);
    }
    const owner = owners(graph, anchors);
    const preds = anchorEdges(graph, owner);
    const succs = new Map<string, Set<string>>();
    for (const [b, set] of preds) for (const a of set) succs.set(a, (succs.get(a) ?? new Set()).add(b));

    // Workloads in the same place with the same waits are one node: `Deployment x5`.
    const key = (a: Anchor) => {
        const urn = a.resource.urn;
        const p = [...(preds.get(urn) ?? [])].sort().join(",");
        const s = [...(succs.get(urn) ?? [])].sort().join(",");
        return `${a.placement}|${a.alsoOn.join(",")}|${a.resource.type}|${p}|${s}`;
    };
    const groups = new Map<string, Anchor[]>();
    for (const a of anchors.values()) {
        const k = a.category === "workload" ? key(a) : `single|${a.resource.urn}`;
        groups.set(k, [...(groups.get(k) ?? []), a]);
    }
    const usedIds = new Set<string>();
    const nodeOf = new Map<string, DisplayNode>();
    const nodes: DisplayNode[] = [];
    for (const group of groups.values()) {
        const first = group[0];
        let id = mermaidId(
            first.category,
            group.length > 1 ? `${typeKind(first.resource.type)}s_${first.resource.name}` : first.resource.name,
        );
        for (let n = 2; usedIds.has(id); n++) id = `${mermaidId(first.category, first.resource.name)}_${n}`;
        usedIds.add(id);
        const node: DisplayNode = { id, anchors: group, members: new Set() };
        nodes.push(node);
        for (const a of group) nodeOf.set(a.resource.urn, node);
    }
    for (const [urn, a] of owner) nodeOf.get(a)?.members.add(urn);

    const edgeSet = new Set<string>();
    const edges: [string, string][] = [];
    for (const node of nodes) {
        for (const a of node.anchors) {
            for (const p of preds.get(a.resource.urn) ?? []) {
                const from = nodeOf.get(p);
                if (!from || from === node) continue;
                const k = `${from.id}>${node.id}`;
                if (edgeSet.has(k)) continue;
                edgeSet.add(k);
                edges.push([from.id, node.id]);
            }
        }
    }
    const shared = new Map<string, number>();
    for (const r of graph.nodes) {
        if (owner.has(r.urn) || r.type.startsWith("pulumi:providers:")) continue;
        shared.set(typeKind(r.type), (shared.get(typeKind(r.type)) ?? 0) + 1);
    }
    return {
        nodes,
        edges: transitiveReduction(
            nodes.map((n) => n.id),
            edges,
        ),
        shared,
    };
}

const MAX_LISTED = 6;

function kindCounts(
    urns: Iterable<string>,
    byUrn: ReadonlyMap<string, PlanResource>,
    except: ReadonlySet<string>,
): string {
    const counts = new Map<string, number>();
    for (const urn of urns) {
        const r = byUrn.get(urn);
        if (!r || except.has(urn) || r.type.startsWith("pulumi:providers:")) continue;
        counts.set(typeKind(r.type), (counts.get(typeKind(r.type)) ?? 0) + 1);
    }
    if (counts.size === 0) return "";
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const shown = sorted.slice(0, 3).map(([kind, n]) => `${n} ${kind}`);
    return `+ ${shown.join(", ")}${sorted.length > 3 ? `, ${sorted.length - 3} more kinds` : ""}`;
}

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);

/** The lines of an anchor's label (first line: what it is). */
export function anchorLines(a: Anchor): string[] {
    const i = a.resource.inputs;
    const lines: string[] = [];
    switch (a.category) {
        case "network":
            lines.push(`VPC ${a.resource.name}`, str(i.cidrBlock) ?? "");
            break;
        case "cluster":
            lines.push(`EKS ${str(i.name) ?? a.resource.name}`, i.version ? `Kubernetes ${str(i.version)}` : "");
            break;
        case "nodegroup": {
            const scaling = isRecord(i.scalingConfig) ? i.scalingConfig : {};
            const types = Array.isArray(i.instanceTypes) ? i.instanceTypes.join(", ") : "";
            lines.push(
                `node group ${a.resource.name}`,
                types,
                scaling.minSize !== undefined
                    ? `${str(scaling.minSize)}-${str(scaling.maxSize)} nodes, ${str(i.capacityType) ?? "ON_DEMAND"}`
                    : "",
            );
            break;
        }
        case "addon":
            lines.push(`EKS add-on ${str(i.addonName) ?? a.resource.name}`);
            break;
        case "database":
            lines.push(
                `RDS ${str(i.engine) ?? ""} ${str(i.engineVersion) ?? ""}`.replace(/\s+/g, " ").trim(),
                [str(i.instanceClass), i.multiAz === true ? "Multi-AZ" : i.multiAz === false ? "single-AZ" : undefined]
                    .filter(Boolean)
                    .join(", "),
            );
            break;
        case "release":
            lines.push(
                `helm ${str(i.name) ?? a.resource.name}`,
                `${str(i.chart) ?? "?"} ${str(i.version) ?? ""}`.trim(),
                `ns ${str(i.namespace) ?? "default"}`,
            );
            break;
        case "gateway": {
            const meta = isRecord(i.metadata) ? i.metadata : {};
            const spec = isRecord(i.spec) ? i.spec : {};
            const listeners = Array.isArray(spec.listeners) ? spec.listeners.filter(isRecord) : [];
            lines.push(
                `Gateway ${str(meta.namespace) ?? "default"}/${str(meta.name) ?? a.resource.name}`,
                listeners.map((l) => `${str(l.name) ?? "?"}:${str(l.port) ?? "?"}`).join(", "),
            );
            break;
        }
        case "workload": {
            const meta = isRecord(i.metadata) ? i.metadata : {};
            const spec = isRecord(i.spec) ? i.spec : {};
            lines.push(
                `${typeKind(a.resource.type)} ${str(meta.name) ?? a.resource.name}`,
                [
                    `ns ${str(meta.namespace) ?? "default"}`,
                    spec.replicas !== undefined
                        ? `${str(spec.replicas)} ${spec.replicas === 1 ? "replica" : "replicas"}`
                        : undefined,
                ]
                    .filter(Boolean)
                    .join(", "),
            );
            break;
        }
    }
    if (a.alsoOn.length > 0) lines.push(`also on ${a.alsoOn.join(", ")}`);
    return lines.filter((l) => l !== "");
}

function nodeLabel(node: DisplayNode, byUrn: ReadonlyMap<string, PlanResource>): string {
    const anchorUrns = new Set(node.anchors.map((a) => a.resource.urn));
    let lines: string[];
    if (node.anchors.length === 1) {
        lines = anchorLines(node.anchors[0]);
    } else {
        const first = node.anchors[0];
        const names = node.anchors.map((a) => {
            const meta = isRecord(a.resource.inputs.metadata) ? a.resource.inputs.metadata : {};
            return str(meta.name) ?? a.resource.name;
        });
        const namespaces = [
            ...new Set(
                node.anchors.map((a) => {
                    const meta = isRecord(a.resource.inputs.metadata) ? a.resource.inputs.metadata : {};
                    return str(meta.namespace) ?? "default";
                }),
            ),
        ];
        lines = [
            `${node.anchors.length} x ${typeKind(first.resource.type)}`,
            names.slice(0, MAX_LISTED).join(", ") +
                (names.length > MAX_LISTED ? `, +${names.length - MAX_LISTED}` : ""),
            `ns ${namespaces.join(", ")}`,
        ];
        if (first.alsoOn.length > 0) lines.push(`also on ${first.alsoOn.join(", ")}`);
    }
    const extra = kindCounts(node.members, byUrn, anchorUrns);
    if (extra) lines.push(extra);
    return lines.map(mermaidText).join("<br/>");
}

const SHAPES: Readonly<Record<AnchorCategory, readonly [string, string]>> = {
    network: ["[", "]"],
    cluster: ["[", "]"],
    nodegroup: ["[[", "]]"],
    addon: ["(", ")"],
    database: ["[(", ")]"],
    release: ["([", "])"],
    workload: ["(", ")"],
    gateway: ["[", "]"],
};

const GROUP_TITLES: Readonly<Record<Exclude<Placement, TierName>, string>> = {
    network: "Network",
    database: "Database",
    cluster: "EKS cluster",
    untiered: "no tier: wherever it fits (DaemonSets, releases without a nodeSelector)",
};

/** The `architecture.md` document: a Mermaid flowchart and a table of tiers, from the plan alone. */
export function architectureDiagram(doc: PlanDocument): string {
    const g = architectureGraph(doc);
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    const path = criticalPath(doc).path.map((s) => s.urn);
    const nodeByMember = new Map<string, DisplayNode>();
    for (const n of g.nodes) for (const m of n.members) nodeByMember.set(m, n);
    const critical = new Set<string>();
    for (const urn of path) {
        const n = nodeByMember.get(urn);
        if (n) critical.add(n.id);
    }

    const placed = (p: Placement) => g.nodes.filter((n) => n.anchors[0].placement === p);
    const lines: string[] = ["flowchart TB"];
    const declare = (n: DisplayNode, indent: string) => {
        const [open, close] = SHAPES[n.anchors[0].category];
        lines.push(`${indent}${n.id}${open}"${nodeLabel(n, byUrn)}"${close}`);
    };
    const group = (id: string, title: string, members: DisplayNode[], indent: string, inner?: () => void) => {
        lines.push(`${indent}subgraph ${id}["${mermaidText(title)}"]`);
        for (const n of members) declare(n, `${indent}    `);
        inner?.();
        lines.push(`${indent}end`);
    };
    if (placed("network").length) group("sg_network", GROUP_TITLES.network, placed("network"), "    ");
    group("sg_cluster", GROUP_TITLES.cluster, placed("cluster"), "    ", () => {
        for (const tier of TIER_NAMES) {
            const members = placed(tier);
            if (members.length) group(`sg_tier_${tier}`, `${tier} tier: ${TIERS[tier].purpose}`, members, "        ");
        }
        if (placed("untiered").length) group("sg_untiered", GROUP_TITLES.untiered, placed("untiered"), "        ");
    });
    if (placed("database").length) group("sg_database", GROUP_TITLES.database, placed("database"), "    ");
    for (const [a, b] of g.edges) lines.push(`    ${a} --> ${b}`);
    lines.push("    classDef critical stroke:#d73a49,stroke-width:3px");
    if (critical.size) lines.push(`    class ${[...critical].join(",")} critical`);

    const tierRows = TIER_NAMES.map((tier) => {
        const runs = placed(tier)
            .filter((n) => n.anchors[0].category !== "nodegroup")
            .map((n) => anchorLines(n.anchors[0])[0] + (n.anchors.length > 1 ? ` (+${n.anchors.length - 1})` : ""));
        const alsoHere = g.nodes
            .filter((n) => n.anchors[0].alsoOn.includes(tier))
            .map((n) => `${anchorLines(n.anchors[0])[0]} (partly)`);
        const all = [...runs, ...alsoHere];
        return `| ${tier} | ${TIERS[tier].purpose} | ${all.length ? all.join("; ").replace(/\|/g, "\\|") : "nothing yet"} |`;
    });
    const sharedKinds = [...g.shared.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([kind, n]) => `${n} ${kind}`);
    const sharedText =
        sharedKinds.slice(0, 12).join(", ") +
        (sharedKinds.length > 12 ? ` and ${sharedKinds.length - 12} more kinds (plan.json has them all)` : "");
    return [
        `# ${doc.project} / ${doc.stack}: what the stack creates`,
        "",
        "Generated by `npm run plan -- --stack " + doc.stack + " --out DIR` from the offline plan; do not edit.",
        "An arrow A --> B means B is created after A (B depends on A). Thick borders: the critical path of",
        "`pulumi up` (see critical-path.txt). `+ n Kind` counts the resources folded into a node.",
        "",
        "```mermaid",
        ...lines,
        "```",
        "",
        "## Tiers",
        "",
        "| Tier | Purpose | What runs there |",
        "| --- | --- | --- |",
        ...tierRows,
        "",
        sharedText ? `Not drawn (shared by several nodes, their waits pass through): ${sharedText}.` : "",
        "",
    ].join("\n");
}
