import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { podOf } from "../../lib/pods";
import { isUnknown, plainProps, record, text } from "../../lib/values";
import { describePod, enumerate } from "./objects";

const CONTROL = "terrace:container-probes";

/** Pods that run to completion: a probe has nothing to keep alive or route to. */
const RUN_TO_COMPLETION = ["Job", "CronJob"];

/**
 * A readiness probe keeps traffic off a pod that cannot serve (rollouts wait for it), a liveness probe restarts a
 * wedged one. Both are required on the long-running containers of long-running workloads.
 */
export const kubernetesContainerMissingProbes: TerraceResourcePolicy = {
    name: "kubernetes-container-missing-probes",
    description: "Every container of a long-running workload has a readiness probe and a liveness probe.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "best-practice"],
    controls: [CONTROL],
    remediationSteps: "Add readinessProbe and livenessProbe to each container (Jobs and CronJobs are exempt).",
    validateResource: (args, report) => {
        const pod = podOf(args.type, plainProps(args.props));
        if (!pod || RUN_TO_COMPLETION.includes(pod.kind)) return;
        for (const container of pod.containers) {
            // Sidecars are init containers with restartPolicy Always: they run as long as the pod and need probes too.
            const sidecar = container.kind === "initContainer" && text(container.spec["restartPolicy"]) === "Always";
            if (container.kind !== "container" && !sidecar) continue;
            const missing = ["readinessProbe", "livenessProbe"].filter((probe) => {
                const value = container.spec[probe];
                return !isUnknown(value) && record(value) === undefined;
            });
            if (missing.length > 0) {
                report(
                    finding(
                        [CONTROL],
                        `${describePod(pod, args.name)}: ${container.label} lacks ${enumerate(missing.map((m) => `a ${m}`))}`,
                    ),
                );
            }
        }
    },
};
