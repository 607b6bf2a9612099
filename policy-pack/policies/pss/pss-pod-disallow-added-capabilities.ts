import { containerContexts, pssPolicy } from "../../lib/pss";
import { at, list, text } from "../../lib/values";

/** The capabilities a baseline container may add (the container runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
]);

/** Baseline "Capabilities": adding capabilities beyond the runtime's default set must be disallowed. */
export const pssPodDisallowAddedCapabilities = pssPolicy({
    name: "pss-pod-disallow-added-capabilities",
    description: "Containers must not add capabilities beyond the default set (PSS baseline: Capabilities).",
    level: "baseline",
    control: "capabilities",
    remediationSteps: `Only add capabilities from: ${[...BASELINE_CAPABILITIES].join(", ")}.`,
    check: (pod) =>
        containerContexts(pod).flatMap(({ who, context }) => {
            const added = list(at(context, "capabilities", "add"))
                .map(text)
                .filter((c): c is string => c !== undefined && !BASELINE_CAPABILITIES.has(c));
            return added.length > 0 ? [`${who} adds ${added.join(", ")}`] : [];
        }),
});
