import { pssPolicy, securityContexts } from "../../lib/pss";
import { at } from "../../lib/values";

/** Restricted "Running as Non-root user": UID 0 must not be set explicitly. */
export const pssPodDisallowRootUser = pssPolicy({
    name: "pss-pod-disallow-root-user",
    description: "Pods must not set runAsUser to 0 (PSS restricted: Running as Non-root user).",
    level: "restricted",
    control: "running-as-non-root-user",
    remediationSteps: "Set runAsUser to a non-zero UID, or leave it unset and rely on the image's non-root user.",
    check: (pod) =>
        securityContexts(pod)
            .filter(({ context }) => at(context, "runAsUser") === 0)
            .map(({ who }) => `${who} sets securityContext.runAsUser=0`),
});
