import { pssPolicy } from "../../lib/pss";

const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** Baseline "Host Namespaces": sharing the node's network, PID or IPC namespace escapes pod isolation. */
export const pssPodDisallowHostNamespaces = pssPolicy({
    name: "pss-pod-disallow-host-namespaces",
    description: "Pods must not share the host's network, PID or IPC namespaces (PSS baseline: Host Namespaces).",
    level: "baseline",
    control: "host-namespaces",
    remediationSteps: "Remove spec.hostNetwork, spec.hostPID and spec.hostIPC or set them to false.",
    check: (pod) =>
        HOST_NAMESPACES.filter((field) => pod.spec[field] === true).map((field) => `pod sets ${field}=true`),
});
