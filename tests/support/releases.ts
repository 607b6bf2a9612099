/** Helm releases and the node groups they land on, looked up in a stack's plan by the platform specs. */
import { strict as assert } from "node:assert";
import { dependsTransitively, PlanDocument, PlanResource, resourcesOfType } from "./plans";

export const RELEASE = "kubernetes:helm.sh/v3:Release";
export const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

/** The Helm release of `chart` in a plan. */
export function releaseOf(plan: PlanDocument, chart: string): PlanResource {
    const found = resourcesOfType(plan, RELEASE).find((r) => r.inputs.chart === chart);
    assert.ok(found, `a ${chart} release in the ${plan.stack} plan`);
    return found;
}

/** The managed node group labelled with `tier`. */
export function nodeGroupOf(plan: PlanDocument, tier: string): PlanResource {
    const found = resourcesOfType(plan, NODE_GROUP).find(
        (r) => (r.inputs.labels as Record<string, unknown> | undefined)?.["workload-type"] === tier,
    );
    assert.ok(found, `the ${tier} node group in the ${plan.stack} plan`);
    return found;
}

/** Charts of the other releases `release` waits for, directly or not; Cilium (before every node) excepted. */
export function otherReleasesReached(
    plan: PlanDocument,
    release: PlanResource,
    except: readonly string[] = [],
): string[] {
    return resourcesOfType(plan, RELEASE)
        .filter((r) => r.urn !== release.urn && r.inputs.chart !== "cilium" && !except.includes(String(r.inputs.chart)))
        .filter((r) => dependsTransitively(plan, release.urn, r.urn))
        .map((r) => String(r.inputs.chart));
}
