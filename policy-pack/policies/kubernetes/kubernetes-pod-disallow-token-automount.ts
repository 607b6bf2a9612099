import { finding, TerraceStackPolicy } from "../../lib/policy";
import { podOf } from "../../lib/pods";
import { isUnknown, text } from "../../lib/values";
import { describePod, kubeObjects, label, sameName } from "./objects";

const MOUNT_ONLY_WHERE_NEEDED = "cis-eks:4.1.6";
const DEFAULT_ACCOUNT_UNUSED = "cis-eks:4.1.5";

/**
 * CIS EKS 4.1.6 (and 4.1.5 for `default`): a service account token in a pod is an API credential for whoever
 * compromises the pod. Tokens are therefore off by default: every ServiceAccount sets
 * automountServiceAccountToken: false, and a pod that talks to the API server opts in explicitly (true). A pod
 * that says nothing inherits its ServiceAccount's setting; `default` and accounts the stack does not create
 * mount the token.
 */
export const kubernetesPodDisallowTokenAutomount: TerraceStackPolicy = {
    name: "kubernetes-pod-disallow-token-automount",
    description:
        "Service account tokens are not mounted by default: ServiceAccounts disable automounting, and pods mount a " +
        "token only when they ask for one.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "rbac"],
    controls: [MOUNT_ONLY_WHERE_NEEDED, DEFAULT_ACCOUNT_UNUSED],
    remediationSteps:
        "Set automountServiceAccountToken: false on each ServiceAccount; set it to true only in the pod spec of a " +
        "workload that calls the Kubernetes API.",
    validateStack: (args, report) => {
        const objects = kubeObjects(args.resources);
        const accounts = objects.filter((o) => o.group === "core" && o.kind === "ServiceAccount");

        for (const account of accounts) {
            const automount = account.props["automountServiceAccountToken"];
            if (automount === false || isUnknown(automount)) continue;
            const controls = sameName(account.name, "default")
                ? [MOUNT_ONLY_WHERE_NEEDED, DEFAULT_ACCOUNT_UNUSED]
                : [MOUNT_ONLY_WHERE_NEEDED];
            report(
                finding(
                    controls,
                    `${label(account)} mounts its token into every pod (automountServiceAccountToken is not false)`,
                ),
                account.urn,
            );
        }

        for (const object of objects) {
            const pod = podOf(object.type, object.props);
            if (!pod || isUnknown(pod.namespace)) continue;
            const automount = pod.spec["automountServiceAccountToken"];
            // An explicit choice either way is a decision the pod made; only silence inherits a mounted token.
            if (automount === true || automount === false || isUnknown(automount)) continue;
            const rawAccount = pod.spec["serviceAccountName"] ?? pod.spec["serviceAccount"];
            if (isUnknown(rawAccount)) continue;
            const accountName = text(rawAccount) ?? "default";
            const account = accounts.find((a) => sameName(a.name, accountName) && a.namespace === pod.namespace);
            if (account) {
                const setting = account.props["automountServiceAccountToken"];
                if (setting === false || isUnknown(setting)) continue;
            } else if (
                accounts.some((a) => isUnknown(a.name) && (a.namespace === pod.namespace || isUnknown(a.namespace)))
            ) {
                continue; // the account may be one whose name is not known yet
            }
            const controls =
                accountName === "default"
                    ? [MOUNT_ONLY_WHERE_NEEDED, DEFAULT_ACCOUNT_UNUSED]
                    : [MOUNT_ONLY_WHERE_NEEDED];
            report(
                finding(
                    controls,
                    `${describePod(pod, object.resourceName ?? "(unnamed)")} mounts the token of ServiceAccount ${accountName} ` +
                        "without asking for it (set automountServiceAccountToken)",
                ),
                object.urn,
            );
        }
    },
};
