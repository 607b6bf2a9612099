import { pssPolicy } from "../../lib/pss";
import { at, text } from "../../lib/values";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
const HOOKS = ["postStart", "preStop"] as const;
const HANDLERS = ["httpGet", "tcpSocket"] as const;

/** Baseline "Host Probes / Lifecycle Hooks": a probe host lets the kubelet reach arbitrary endpoints for the pod. */
export const pssPodDisallowHostProbes = pssPolicy({
    name: "pss-pod-disallow-host-probes",
    description:
        "Probes and lifecycle hooks must not target another host (PSS baseline: Host Probes / Lifecycle Hooks).",
    level: "baseline",
    control: "host-probes",
    remediationSteps:
        "Remove the host field from httpGet and tcpSocket probes and lifecycle hooks (the pod IP is used).",
    check: (pod) =>
        pod.containers.flatMap((c) => {
            const paths: string[][] = [
                ...PROBES.flatMap((probe) => HANDLERS.map((h) => [probe, h])),
                ...HOOKS.flatMap((hook) => HANDLERS.map((h) => ["lifecycle", hook, h])),
            ];
            return paths.flatMap((path) => {
                const host = text(at(c.spec, ...path, "host"));
                return host ? [`${c.label} sets ${path.join(".")}.host=${host}`] : [];
            });
        }),
});
