/**
 * Which tier a resource's pods run on, read from the plan the way the tier model writes it: node groups carry the
 * `workload-type` label, pods and Helm values a `nodeSelector` on it (infra/tiers.ts).
 */
import { isTierName, TIER_LABEL_KEY, TIER_NAMES, TierName } from "../../infra/tiers";
import { HELM_RELEASE_TYPE, isRecord, PlanResource, typeKind } from "./plan-document";

/**
 * The tiers named by every `nodeSelector` in a value (Helm values, a pod spec, an add-on's configuration), most
 * frequent first (ties in tier-table order).
 */
export function selectedTiers(value: unknown): TierName[] {
    const counts = new Map<TierName, number>();
    const visit = (v: unknown, depth: number) => {
        if (depth > 40) return;
        if (Array.isArray(v)) {
            for (const item of v) visit(item, depth + 1);
            return;
        }
        if (!isRecord(v)) return;
        for (const [key, child] of Object.entries(v)) {
            if (key === "nodeSelector" && isRecord(child)) {
                const tier = child[TIER_LABEL_KEY];
                if (typeof tier === "string" && isTierName(tier)) counts.set(tier, (counts.get(tier) ?? 0) + 1);
            } else {
                visit(child, depth + 1);
            }
        }
    };
    visit(value, 0);
    return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || TIER_NAMES.indexOf(a[0]) - TIER_NAMES.indexOf(b[0]))
        .map(([tier]) => tier);
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
