import { POD, pssPolicy, securityContexts } from "../../lib/pss";
import { at, record, text } from "../../lib/values";

const ALLOWED_TYPES = new Set(["RuntimeDefault", "Localhost"]);
const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

// An empty value counts as unset, as Pod Security Admission reads it.
function allowedAnnotation(value: string): boolean {
    return value === "" || value === "runtime/default" || value.startsWith("localhost/");
}

/** Baseline "AppArmor": the runtime's default profile must not be overridden or disabled. */
export const pssPodDisallowUnconfinedApparmor = pssPolicy({
    name: "pss-pod-disallow-unconfined-apparmor",
    description: "Pods must not disable or override the default AppArmor profile (PSS baseline: AppArmor).",
    level: "baseline",
    control: "apparmor",
    remediationSteps:
        "Use appArmorProfile.type RuntimeDefault or Localhost (annotations: runtime/default or localhost/<profile>).",
    check: (pod) => {
        const fields = securityContexts(pod).flatMap(({ who, context }) => {
            const type = text(at(context, "appArmorProfile", "type"));
            return type !== undefined && !ALLOWED_TYPES.has(type)
                ? [`${who} sets securityContext.appArmorProfile.type=${type}`]
                : [];
        });
        const annotations = Object.entries(record(pod.metadata["annotations"]) ?? {}).flatMap(([key, value]) => {
            const profile = text(value);
            return key.startsWith(ANNOTATION_PREFIX) && profile !== undefined && !allowedAnnotation(profile)
                ? [`${POD} annotation ${key}=${profile}`]
                : [];
        });
        return [...fields, ...annotations];
    },
});
