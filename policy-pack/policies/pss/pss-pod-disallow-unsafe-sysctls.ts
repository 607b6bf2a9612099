import { pssPolicy } from "../../lib/pss";
import { at, list, record, text } from "../../lib/values";

/** The "safe" sysctls of the PSS page: namespaced per pod and isolated from other pods on the node. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
]);

/** Baseline "Sysctls": sysctls outside the safe subset can disable security mechanisms or affect the whole node. */
export const pssPodDisallowUnsafeSysctls = pssPolicy({
    name: "pss-pod-disallow-unsafe-sysctls",
    description: "Pods may only set the safe sysctls (PSS baseline: Sysctls).",
    level: "baseline",
    control: "sysctls",
    remediationSteps: `Only set sysctls from: ${[...SAFE_SYSCTLS].join(", ")}.`,
    check: (pod) => {
        const unsafe = list(at(pod.spec, "securityContext", "sysctls"))
            .map((s) => text(record(s)?.["name"]))
            .filter((name): name is string => name !== undefined && !SAFE_SYSCTLS.has(name));
        return unsafe.length > 0 ? [`pod sets unsafe sysctls ${unsafe.join(", ")}`] : [];
    },
});
