import { containerContexts, pssPolicy } from "../../lib/pss";
import { at } from "../../lib/values";

/** Baseline "Privileged Containers": a privileged container disables most isolation mechanisms. */
export const pssPodDisallowPrivilegedContainers = pssPolicy({
    name: "pss-pod-disallow-privileged-containers",
    description: "Containers must not run privileged (PSS baseline: Privileged Containers).",
    level: "baseline",
    control: "privileged-containers",
    remediationSteps: "Remove securityContext.privileged or set it to false on every container.",
    check: (pod) =>
        containerContexts(pod)
            .filter(({ context }) => at(context, "privileged") === true)
            .map(({ who }) => `${who} sets securityContext.privileged=true`),
});
