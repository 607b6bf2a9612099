import { containerContexts, pssPolicy } from "../../lib/pss";
import { at, isUnknown } from "../../lib/values";

/** Restricted "Running as Non-root": containers must be required to run as non-root users. */
export const pssPodEnforceRunAsNonRoot = pssPolicy({
    name: "pss-pod-enforce-run-as-non-root",
    description: "Pods must require non-root users with runAsNonRoot=true (PSS restricted: Running as Non-root).",
    level: "restricted",
    control: "running-as-non-root",
    remediationSteps: "Set spec.securityContext.runAsNonRoot: true (or on every container) and never set it to false.",
    check: (pod) => {
        const podValue = at(pod.spec, "securityContext", "runAsNonRoot");
        const out: string[] = [];
        if (podValue === false) out.push("pod sets securityContext.runAsNonRoot=false");
        const podCovers = podValue === true || isUnknown(podValue);
        for (const { who, context } of containerContexts(pod)) {
            const value = at(context, "runAsNonRoot");
            if (value === false) {
                out.push(`${who} sets securityContext.runAsNonRoot=false`);
            } else if (value !== true && !isUnknown(value) && !podCovers) {
                out.push(`${who} must set securityContext.runAsNonRoot=true (or set it on the pod)`);
            }
        }
        return out;
    },
});
