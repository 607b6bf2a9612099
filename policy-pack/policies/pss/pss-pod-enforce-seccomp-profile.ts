import { isWindowsPod } from "../../lib/pods";
import { containerContexts, pssPolicy } from "../../lib/pss";
import { at, isUnknown, text } from "../../lib/values";
import { SECCOMP_ALLOWED_TYPES } from "./pss-pod-disallow-unconfined-seccomp";

/** Restricted "Seccomp": a seccomp profile (RuntimeDefault or Localhost) must be set explicitly (Linux only). */
export const pssPodEnforceSeccompProfile = pssPolicy({
    name: "pss-pod-enforce-seccomp-profile",
    description: "Pods must set seccompProfile.type RuntimeDefault or Localhost (PSS restricted: Seccomp).",
    level: "restricted",
    control: "seccomp",
    remediationSteps: "Set spec.securityContext.seccompProfile.type: RuntimeDefault (or on every container).",
    check: (pod) => {
        if (isWindowsPod(pod)) return [];
        const out: string[] = [];
        const podType = at(pod.spec, "securityContext", "seccompProfile", "type");
        const podText = text(podType);
        if (podText !== undefined && !SECCOMP_ALLOWED_TYPES.has(podText)) {
            out.push(`pod sets securityContext.seccompProfile.type=${podText}`);
        }
        const podCovers = isUnknown(podType) || (podText !== undefined && SECCOMP_ALLOWED_TYPES.has(podText));
        for (const { who, context } of containerContexts(pod)) {
            const type = at(context, "seccompProfile", "type");
            const value = text(type);
            if (value !== undefined && !SECCOMP_ALLOWED_TYPES.has(value)) {
                out.push(`${who} sets securityContext.seccompProfile.type=${value}`);
            } else if (value === undefined && !isUnknown(type) && !podCovers) {
                out.push(
                    `${who} must set securityContext.seccompProfile.type to RuntimeDefault or Localhost (or set it on the pod)`,
                );
            }
        }
        return out;
    },
});
