import { isWindowsPod } from "../../lib/pods";
import { containerContexts, pssPolicy } from "../../lib/pss";
import { at, isUnknown } from "../../lib/values";

/** Restricted "Privilege Escalation": setuid/setgid binaries must not gain privileges (Linux only). */
export const pssPodDisallowPrivilegeEscalation = pssPolicy({
    name: "pss-pod-disallow-privilege-escalation",
    description: "Containers must set allowPrivilegeEscalation=false (PSS restricted: Privilege Escalation).",
    level: "restricted",
    control: "privilege-escalation",
    remediationSteps: "Set securityContext.allowPrivilegeEscalation: false on every container.",
    check: (pod) =>
        isWindowsPod(pod)
            ? []
            : containerContexts(pod)
                  .filter(({ context }) => {
                      const value = at(context, "allowPrivilegeEscalation");
                      return value !== false && !isUnknown(value);
                  })
                  .map(({ who }) => `${who} must set securityContext.allowPrivilegeEscalation=false`),
});
