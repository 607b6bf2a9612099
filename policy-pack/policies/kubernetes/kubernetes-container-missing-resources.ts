import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { podOf } from "../../lib/pods";
import { isUnknown, plainProps, record } from "../../lib/values";
import { describePod, enumerate } from "./objects";

const CONTROL = "terrace:container-resources";

/** What a container declares under `resources`, UNKNOWN-safe: a value computed during preview counts as set. */
function declared(resources: unknown, section: "requests" | "limits", resource: "cpu" | "memory"): boolean {
    if (isUnknown(resources)) return true;
    const values = record(resources)?.[section];
    if (isUnknown(values)) return true;
    const value = record(values)?.[resource];
    return isUnknown(value) || (value !== undefined && value !== null && value !== "");
}

/**
 * Requests let the scheduler place pods on the right tier without overcommitting a node; a memory limit keeps one
 * leaking container from getting its neighbours OOM-killed. CPU limits are deliberately not required (throttling).
 */
export const kubernetesContainerMissingResources: TerraceResourcePolicy = {
    name: "kubernetes-container-missing-resources",
    description: "Every container and init container requests CPU and memory and sets a memory limit.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "best-practice"],
    controls: [CONTROL],
    remediationSteps:
        "Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container.",
    validateResource: (args, report) => {
        const pod = podOf(args.type, plainProps(args.props));
        if (!pod) return;
        for (const container of pod.containers) {
            // Ephemeral (debug) containers may not declare resources at all.
            if (container.kind === "ephemeralContainer") continue;
            const resources = container.spec["resources"];
            const missing = [
                declared(resources, "requests", "cpu") ? undefined : "a CPU request",
                declared(resources, "requests", "memory") ? undefined : "a memory request",
                declared(resources, "limits", "memory") ? undefined : "a memory limit",
            ].filter((m): m is string => m !== undefined);
            if (missing.length > 0) {
                report(
                    finding(
                        [CONTROL],
                        `${describePod(pod, args.name)}: ${container.label} lacks ${enumerate(missing)}`,
                    ),
                );
            }
        }
    },
};
