import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { podOf } from "../../lib/pods";
import { plainProps } from "../../lib/values";
import { describePod } from "./objects";

const CONTROL = "cis-eks:4.5.2";

/**
 * CIS EKS 4.5.2: the `default` namespace has no Pod Security label, no network policy and no quota of its own,
 * and is where anything without a namespace lands by accident.
 */
export const kubernetesWorkloadDisallowDefaultNamespace: TerraceResourcePolicy = {
    name: "kubernetes-workload-disallow-default-namespace",
    description: "No workload runs in the default namespace (a manifest without a namespace is in default).",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "best-practice"],
    controls: [CONTROL],
    remediationSteps: "Set metadata.namespace to the application's own namespace.",
    validateResource: (args, report) => {
        const pod = podOf(args.type, plainProps(args.props));
        if (!pod || pod.namespace !== "default") return;
        report(finding([CONTROL], `${describePod(pod, args.name)} runs in the default namespace`));
    },
};
