import { pssPolicy, securityContexts } from "../../lib/pss";
import { at } from "../../lib/values";

/** Baseline "HostProcess": Windows HostProcess containers get privileged access to the host. */
export const pssPodDisallowHostProcess = pssPolicy({
    name: "pss-pod-disallow-host-process",
    description: "Pods must not run Windows HostProcess containers (PSS baseline: HostProcess).",
    level: "baseline",
    control: "host-process",
    remediationSteps:
        "Remove securityContext.windowsOptions.hostProcess or set it to false on the pod and every container.",
    check: (pod) =>
        securityContexts(pod)
            .filter(({ context }) => at(context, "windowsOptions", "hostProcess") === true)
            .map(({ who }) => `${who} sets securityContext.windowsOptions.hostProcess=true`),
});
