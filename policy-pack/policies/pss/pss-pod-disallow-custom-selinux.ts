import { pssPolicy, securityContexts } from "../../lib/pss";
import { at, text } from "../../lib/values";

/** SELinux types a baseline pod may set (container_engine_t since Kubernetes 1.31). */
export const ALLOWED_SELINUX_TYPES: ReadonlySet<string> = new Set([
    "",
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
]);

/** Baseline "SELinux": setting the SELinux type is restricted; a custom user or role is forbidden. */
export const pssPodDisallowCustomSelinux = pssPolicy({
    name: "pss-pod-disallow-custom-selinux",
    description: "Pods must not set a custom SELinux type, user or role (PSS baseline: SELinux).",
    level: "baseline",
    control: "selinux",
    remediationSteps: "Leave seLinuxOptions.user and .role empty and use a container_* type (or none).",
    check: (pod) =>
        securityContexts(pod).flatMap(({ who, context }) => {
            const out: string[] = [];
            const type = text(at(context, "seLinuxOptions", "type"));
            if (type !== undefined && !ALLOWED_SELINUX_TYPES.has(type)) {
                out.push(`${who} sets securityContext.seLinuxOptions.type=${type}`);
            }
            for (const field of ["user", "role"]) {
                const value = text(at(context, "seLinuxOptions", field));
                if (value) out.push(`${who} sets securityContext.seLinuxOptions.${field}=${value}`);
            }
            return out;
        }),
});
