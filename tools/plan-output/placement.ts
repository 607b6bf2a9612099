/**
 * Which tier a resource's pods run on, read from the plan the way the tier model writes it: node groups carry the
 * `workload-type` label, pods and Helm values a `nodeSelector` on it (infra/tiers.ts).
 */
import { isTierName, TIER_LABEL_KEY, TIER_NAMES, TierName } from "../../infra/tiers";
import { HELM_RELEASE_TYPE, isRecord, PlanResource, typeKind } from "./plan-document";

/**
 * The tiers named by every `nodeSelector` in a value (Helm values, a pod spec, an add-on's configuration). A
 * chart-wide default (a nodeSelector at the top or under `global`) comes first; the others follow, most frequent
 * first (ties in tier-table order).
 */
export function selectedTiers(value: unknown): TierName[] {
    const counts = new Map<TierName, number>();
    const defaults = new Set<TierName>();
    const visit = (v: unknown, depth: number, parentKey: string | undefined) => {
        if (depth > 40) return;
        if (Array.isArray(v)) {
            for (const item of v) visit(item, depth + 1, undefined);
            return;
        }
        if (!isRecord(v)) return;
        for (const [key, child] of Object.entries(v)) {
            if (key === "nodeSelector" && isRecord(child)) {
                const tier = child[TIER_LABEL_KEY];
                if (typeof tier !== "string" || !isTierName(tier)) continue;
                counts.set(tier, (counts.get(tier) ?? 0) + 1);
                if (depth === 0 || parentKey === "global") defaults.add(tier);
            } else {
                visit(child, depth + 1, key);
            }
        }
    };
    visit(value, 0, undefined);
    const rank = (t: TierName) => (defaults.has(t) ? 0 : 1);
    return [...counts.entries()]
        .sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || TIER_NAMES.indexOf(a[0]) - TIER_NAMES.indexOf(b[0]))
        .map(([tier]) => tier);
}

/** The annotation that makes the AWS Load Balancer Controller register only the nodes with these labels. */
export const TARGET_NODE_LABELS_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-target-node-labels";

/**
 * The tier that receives a Gateway's traffic: the `workload-type` in the target-node-labels annotation that the
 * Gateway hands to its load balancer Service (`spec.infrastructure.annotations`).
 */
export function gatewayTiers(r: PlanResource): TierName[] {
    const spec = isRecord(r.inputs.spec) ? r.inputs.spec : {};
    const infrastructure = isRecord(spec.infrastructure) ? spec.infrastructure : {};
    const annotations = isRecord(infrastructure.annotations) ? infrastructure.annotations : {};
    const labels = annotations[TARGET_NODE_LABELS_ANNOTATION];
    if (typeof labels !== "string") return [];
    return labels
        .split(",")
        .map((pair) => pair.trim().split("="))
        .filter(([key, value]) => key === TIER_LABEL_KEY && value !== undefined && isTierName(value))
        .map(([, value]) => value as TierName);
}

const NODE_GROUP_TYPES = new Set([
    "aws:eks/nodeGroup:NodeGroup",
    "eks:index:ManagedNodeGroup",
    "eks:index:NodeGroupV2",
]);
const WORKLOAD_TYPES = new Set([
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
]);

export function isNodeGroup(r: Pick<PlanResource, "type">): boolean {
    return NODE_GROUP_TYPES.has(r.type);
}

export function isWorkload(r: Pick<PlanResource, "type">): boolean {
    return WORKLOAD_TYPES.has(r.type);
}

/** The tier a node group serves, from its `workload-type` label. */
export function nodeGroupTier(r: PlanResource): TierName | undefined {
    if (!isNodeGroup(r)) return undefined;
    const labels = isRecord(r.inputs.labels) ? r.inputs.labels : {};
    const tier = labels[TIER_LABEL_KEY];
    return typeof tier === "string" && isTierName(tier) ? tier : undefined;
}

/** The pod template's spec of a workload (CronJobs nest it one level deeper). */
export function podSpecOf(r: PlanResource): unknown {
    const spec = isRecord(r.inputs.spec) ? r.inputs.spec : {};
    if (typeKind(r.type) === "CronJob") {
        const job = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
        return isRecord(job.template) ? job.template.spec : undefined;
    }
    return isRecord(spec.template) ? spec.template.spec : undefined;
}

function parseJson(value: unknown): unknown {
    if (typeof value !== "string") return undefined;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** The tiers a resource places pods on, main tier first: releases, workloads and EKS add-ons. */
export function podTiers(r: PlanResource): TierName[] {
    if (r.type === HELM_RELEASE_TYPE || r.type === "kubernetes:helm.sh/v4:Chart") return selectedTiers(r.inputs.values);
    if (isWorkload(r)) return selectedTiers({ spec: podSpecOf(r) });
    if (r.type === "aws:eks/addon:Addon") return selectedTiers(parseJson(r.inputs.configurationValues));
    return [];
}

/**
 * Whether creating the resource waits for its pods to be ready, so it cannot finish before nodes of its tiers
 * exist: workloads (Pulumi awaits them), EKS add-ons, and Helm releases unless they skip waiting.
 */
export function waitsForPods(r: PlanResource): boolean {
    if (r.type === HELM_RELEASE_TYPE) return r.inputs.skipAwait !== true;
    if (r.type === "aws:eks/addon:Addon") return true;
    if (!isWorkload(r) || r.type === "kubernetes:batch/v1:CronJob") return false;
    const metadata = isRecord(r.inputs.metadata) ? r.inputs.metadata : {};
    const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
    return annotations["pulumi.com/skipAwait"] !== "true";
}
