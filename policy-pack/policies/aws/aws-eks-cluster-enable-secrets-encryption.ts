import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, plainProps } from "../../lib/values";
import { eksClusterOf } from "./common";

const CONTROLS = ["cis-eks:5.3.1", "aws-fsbp:EKS.3"];

/**
 * CIS EKS 5.3.1, FSBP EKS.3: Kubernetes secrets are envelope-encrypted with a customer-managed KMS key, so a copy
 * of etcd is not a copy of the secrets, and key access is auditable and revocable. Only possible at creation.
 */
export const awsEksClusterEnableSecretsEncryption: TerraceResourcePolicy = {
    name: "aws-eks-cluster-enable-secrets-encryption",
    description: "EKS clusters encrypt Kubernetes secrets with a KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["aws", "eks", "encryption"],
    controls: CONTROLS,
    remediationSteps:
        "Create an aws.kms.Key (with rotation) and pass its ARN as encryptionConfigKeyArn (pulumi-eks) or encryptionConfig.",
    validateResource: (args, report) => {
        const cluster = eksClusterOf(args.type, plainProps(args.props), args.name);
        if (!cluster || isUnknown(cluster.secretsEncryption) || cluster.secretsEncryption.encrypted) return;
        report(
            finding(
                CONTROLS,
                `${cluster.label} does not encrypt secrets with KMS: it ${cluster.secretsEncryption.why}`,
            ),
        );
    },
};
