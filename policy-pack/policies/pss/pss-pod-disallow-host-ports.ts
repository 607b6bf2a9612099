import { pssPolicy } from "../../lib/pss";
import { list, record } from "../../lib/values";

/** Baseline "Host Ports": a hostPort binds the node's network interface and bypasses network policy. */
export const pssPodDisallowHostPorts = pssPolicy({
    name: "pss-pod-disallow-host-ports",
    description: "Containers must not bind host ports (PSS baseline: Host Ports).",
    level: "baseline",
    control: "host-ports",
    remediationSteps: "Remove ports[].hostPort (or set it to 0); expose the pod through a Service instead.",
    check: (pod) =>
        pod.containers.flatMap((c) => {
            const ports = list(c.spec["ports"])
                .map((p) => record(p)?.["hostPort"])
                .filter((port): port is number => typeof port === "number" && port !== 0);
            return ports.length > 0 ? [`${c.label} uses hostPort ${ports.join(", ")}`] : [];
        }),
});
