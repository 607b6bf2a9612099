import { pssPolicy, securityContexts } from "../../lib/pss";
import { at, text } from "../../lib/values";

export const SECCOMP_ALLOWED_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);

/** Baseline "Seccomp": the seccomp profile must not be explicitly set to Unconfined. */
export const pssPodDisallowUnconfinedSeccomp = pssPolicy({
    name: "pss-pod-disallow-unconfined-seccomp",
    description: "Pods must not disable seccomp (PSS baseline: Seccomp).",
    level: "baseline",
    control: "seccomp",
    remediationSteps: "Set seccompProfile.type to RuntimeDefault or Localhost, or leave it unset.",
    check: (pod) =>
        securityContexts(pod).flatMap(({ who, context }) => {
            const type = text(at(context, "seccompProfile", "type"));
            return type !== undefined && !SECCOMP_ALLOWED_TYPES.has(type)
                ? [`${who} sets securityContext.seccompProfile.type=${type}`]
                : [];
        }),
});
