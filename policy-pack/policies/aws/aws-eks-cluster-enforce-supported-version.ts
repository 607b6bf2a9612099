import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, plainProps } from "../../lib/values";
import { eksClusterOf, minorVersion, olderThan } from "./common";

const CONTROL = "aws-fsbp:EKS.2";

export interface SupportedVersionSettings {
    readonly minimumVersion: string;
}

/**
 * FSBP EKS.2: a version past standard support stops getting patches and costs extended-support fees. The oldest
 * version still in standard support moves with the EKS calendar, so it is a setting (raise it when EKS retires one).
 */
export const awsEksClusterEnforceSupportedVersion: TerraceResourcePolicy = {
    name: "aws-eks-cluster-enforce-supported-version",
    description: "EKS clusters pin a Kubernetes version in EKS standard support (at least minimumVersion).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["aws", "eks", "lifecycle"],
    controls: [CONTROL],
    remediationSteps:
        "Set version to a minor version in EKS standard support and upgrade before its end of standard support.",
    configSchema: {
        properties: {
            minimumVersion: {
                type: "string",
                pattern: "^\\d+\\.\\d+$",
                description:
                    "Oldest Kubernetes minor version in EKS standard support " +
                    "(docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).",
                default: "1.34",
            },
        },
    },
    validateResource: (args, report) => {
        const cluster = eksClusterOf(args.type, plainProps(args.props), args.name);
        if (!cluster || isUnknown(cluster.version)) return;
        const { minimumVersion } = args.getConfig<SupportedVersionSettings>();
        if (cluster.version === undefined) {
            report(
                finding(
                    [CONTROL],
                    `${cluster.label} does not pin a Kubernetes version (EKS picks one, and upgrades change it)`,
                ),
            );
            return;
        }
        const version = minorVersion(cluster.version);
        const minimum = minorVersion(minimumVersion);
        if (!version) {
            report(
                finding(
                    [CONTROL],
                    `${cluster.label} asks for Kubernetes version "${cluster.version}", which is not a minor version such as 1.35`,
                ),
            );
        } else if (minimum && olderThan(version, minimum)) {
            report(
                finding(
                    [CONTROL],
                    `${cluster.label} runs Kubernetes ${cluster.version}, older than ${minimumVersion}, the oldest version in EKS standard support`,
                ),
            );
        }
    },
};
