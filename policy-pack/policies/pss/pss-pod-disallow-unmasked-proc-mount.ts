import { containerContexts, pssPolicy } from "../../lib/pss";
import { at, text } from "../../lib/values";

/** Baseline "/proc Mount Type": the default /proc masks reduce the attack surface and are required. */
export const pssPodDisallowUnmaskedProcMount = pssPolicy({
    name: "pss-pod-disallow-unmasked-proc-mount",
    description: "Containers must keep the default /proc mount (PSS baseline: /proc Mount Type).",
    level: "baseline",
    control: "proc-mount",
    remediationSteps: "Remove securityContext.procMount or set it to Default.",
    check: (pod) =>
        containerContexts(pod).flatMap(({ who, context }) => {
            const mount = text(at(context, "procMount"));
            return mount !== undefined && mount !== "Default" ? [`${who} sets securityContext.procMount=${mount}`] : [];
        }),
});
