import { finding, TerraceStackPolicy } from "../../lib/policy";
import { UNKNOWN, Unknown, isUnknown, record, text } from "../../lib/values";
import { KubeObject, kubeObjects, label, sameName, selects } from "./objects";

const CONTROL = "terrace:pdb";

/** An intOrString as a count of `total`: an int as is, a percentage rounded up (as the disruption controller does). */
function scaled(value: unknown, total: number): number | undefined | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value === "number") return value;
    const percent = typeof value === "string" ? /^(\d+)%$/.exec(value) : null;
    if (percent) return Math.ceil((Number(percent[1]) * total) / 100);
    if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
    return undefined;
}

/** A PDB with neither minAvailable nor maxUnavailable. */
export const UNSET = "unset";

/** How many of `replicas` pods a PDB lets a drain evict at once; UNKNOWN when it is not known yet. */
export function allowedDisruptions(pdb: KubeObject, replicas: number): number | Unknown | typeof UNSET {
    const spec = record(pdb.props["spec"]) ?? {};
    if (isUnknown(pdb.props["spec"])) return UNKNOWN;
    if (spec["maxUnavailable"] !== undefined) {
        const max = scaled(spec["maxUnavailable"], replicas);
        return isUnknown(max) ? UNKNOWN : Math.max(0, max ?? 0);
    }
    if (spec["minAvailable"] !== undefined) {
        const min = scaled(spec["minAvailable"], replicas);
        return isUnknown(min) ? UNKNOWN : Math.max(0, replicas - (min ?? replicas));
    }
    // Neither field: the API accepts it, and what the disruption controller then does is not a budget anyone chose.
    return UNSET;
}

/** The replica count a Deployment keeps: spec.replicas (default 1), raised to an HPA's minReplicas. */
function replicasOf(deployment: KubeObject, autoscalers: readonly KubeObject[]): number | Unknown {
    const raw = record(deployment.props["spec"])?.["replicas"];
    if (isUnknown(raw)) return UNKNOWN;
    let replicas = typeof raw === "number" ? raw : 1;
    for (const hpa of autoscalers) {
        const spec = record(hpa.props["spec"]);
        const target = record(spec?.["scaleTargetRef"]);
        if (!target || hpa.namespace !== deployment.namespace || text(target["kind"]) !== "Deployment") continue;
        if (typeof deployment.name !== "string" || !sameName(text(target["name"]), deployment.name)) continue;
        const min = spec?.["minReplicas"];
        if (isUnknown(min)) return UNKNOWN;
        replicas = Math.max(replicas, typeof min === "number" ? min : 1);
    }
    return replicas;
}

/**
 * A Deployment that runs more than one replica is meant to survive losing one: a PodDisruptionBudget makes node
 * drains (upgrades, consolidation) respect that. The budget must still allow one disruption, or drains block
 * forever; and a pod matched by two budgets cannot be evicted at all.
 */
export const kubernetesDeploymentMissingPdb: TerraceStackPolicy = {
    name: "kubernetes-deployment-missing-pdb",
    description:
        "Every Deployment with more than one replica has exactly one PodDisruptionBudget, and it allows at least one disruption.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "availability"],
    controls: [CONTROL],
    remediationSteps:
        "Add a policy/v1 PodDisruptionBudget selecting the Deployment's pods with maxUnavailable: 1 (or a minAvailable below the replica count).",
    validateStack: (args, report) => {
        const objects = kubeObjects(args.resources);
        const budgets = objects.filter((o) => o.group === "policy" && o.kind === "PodDisruptionBudget");
        const autoscalers = objects.filter((o) => o.group === "autoscaling" && o.kind === "HorizontalPodAutoscaler");

        for (const deployment of objects) {
            if (deployment.group !== "apps" || deployment.kind !== "Deployment" || isUnknown(deployment.namespace))
                continue;
            const replicas = replicasOf(deployment, autoscalers);
            if (isUnknown(replicas) || replicas <= 1) continue;
            const labels = record(record(record(deployment.props["spec"])?.["template"])?.["metadata"])?.["labels"];
            const matching: KubeObject[] = [];
            let undecided = false;
            for (const pdb of budgets) {
                if (isUnknown(pdb.namespace)) {
                    undecided = true;
                    continue;
                }
                if (pdb.namespace !== deployment.namespace) continue;
                const spec = pdb.props["spec"];
                const match = isUnknown(spec) ? UNKNOWN : selects(record(spec)?.["selector"], labels);
                if (isUnknown(match)) undecided = true;
                else if (match) matching.push(pdb);
            }
            const who = label(deployment);
            if (matching.length === 0) {
                if (!undecided) {
                    report(
                        finding([CONTROL], `${who} runs ${replicas} replicas without a PodDisruptionBudget`),
                        deployment.urn,
                    );
                }
            } else if (matching.length > 1) {
                report(
                    finding(
                        [CONTROL],
                        `${who} is selected by ${matching.length} PodDisruptionBudgets (${matching.map(label).join(", ")}); eviction refuses pods with more than one`,
                    ),
                    deployment.urn,
                );
            } else {
                const allowed = allowedDisruptions(matching[0], replicas);
                if (allowed === UNSET) {
                    report(
                        finding([CONTROL], `${label(matching[0])} sets neither minAvailable nor maxUnavailable`),
                        matching[0].urn,
                    );
                } else if (!isUnknown(allowed) && allowed < 1) {
                    report(
                        finding(
                            [CONTROL],
                            `${label(matching[0])} allows no disruption of the ${replicas} replicas of ${who}; node drains would block`,
                        ),
                        matching[0].urn,
                    );
                }
            }
        }
    },
};
