/**
 * The tier model (DESIGN.md): one table decides both how each managed node group is labelled and tainted
 * and where every workload and Helm release is scheduled. Nothing else hand-writes a toleration.
 */

import { isTierName, TIER_NAMES, TierName } from "../config/tiers";

export { isTierName, TIER_NAMES };
export type { TierName };

/** The node label key that carries the tier name. */
export const TIER_LABEL_KEY = "workload-type";

/** Cilium removes this taint once its agent runs on the node, so no pod lands on a node without networking. */
export const CILIUM_STARTUP_TAINT: Taint = {
    key: "node.cilium.io/agent-not-ready",
    value: "true",
    effect: "NoExecute",
};

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
    readonly key: string;
    readonly value: string;
    readonly effect: TaintEffect;
}

export interface Toleration {
    readonly key: string;
    readonly operator: "Equal";
    readonly value: string;
    readonly effect: TaintEffect;
}

export interface TierDefinition {
    readonly name: TierName;
    /** What runs there; shown in the plan and the docs. */
    readonly purpose: string;
    /** Whether the tier's nodes repel everything that does not tolerate the tier (system stays open). */
    readonly dedicated: boolean;
}

/** The tier table. Sizes, instance types and disks are per environment, in the stack config. */
export const TIERS: Readonly<Record<TierName, TierDefinition>> = {
    system: { name: "system", purpose: "CoreDNS and cluster controllers", dedicated: false },
    application: { name: "application", purpose: "the application services", dedicated: true },
    data: { name: "data", purpose: "stateful sets and persistent storage", dedicated: true },
    ingress: { name: "ingress", purpose: "the gateway that receives outside traffic", dedicated: true },
};

/** Node labels of a tier's node group. */
export function tierLabels(tier: TierName): Record<string, string> {
    return { [TIER_LABEL_KEY]: tier };
}

/** The tier's own taint, if it is dedicated. */
export function tierTaint(tier: TierName): Taint | undefined {
    return TIERS[tier].dedicated ? { key: TIER_LABEL_KEY, value: tier, effect: "NoSchedule" } : undefined;
}

/** Every taint a tier's nodes start with: the tier taint and Cilium's start-up taint. */
export function nodeGroupTaints(tier: TierName): Taint[] {
    const own = tierTaint(tier);
    return own ? [own, CILIUM_STARTUP_TAINT] : [CILIUM_STARTUP_TAINT];
}

/** Scheduling for a pod that belongs on `tier`: a nodeSelector and the tolerations the tier requires. */
export interface Placement {
    readonly nodeSelector: Record<string, string>;
    readonly tolerations: Toleration[];
}

export function placement(tier: TierName): Placement {
    const taint = tierTaint(tier);
    return {
        nodeSelector: tierLabels(tier),
        tolerations: taint ? [{ key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect }] : [],
    };
}
