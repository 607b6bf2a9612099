/** The AWS baseline: CIS Amazon EKS Benchmark and AWS Foundational Security Best Practices. */
import type { TerracePolicy } from "../../lib/policy";
import { awsEc2SecuritygroupDisallowPublicIngress } from "./aws-ec2-securitygroup-disallow-public-ingress";
import { awsEksClusterDisallowPublicEndpoint } from "./aws-eks-cluster-disallow-public-endpoint";
import { awsEksClusterEnableControlPlaneLogging } from "./aws-eks-cluster-enable-control-plane-logging";
import { awsEksClusterEnableSecretsEncryption } from "./aws-eks-cluster-enable-secrets-encryption";
import { awsEksClusterEnforceSupportedVersion } from "./aws-eks-cluster-enforce-supported-version";
import { awsEksNodegroupDisallowPublicIp } from "./aws-eks-nodegroup-disallow-public-ip";
import { awsEksNodegroupEnableVolumeEncryption } from "./aws-eks-nodegroup-enable-volume-encryption";
import { awsEksNodegroupEnforceImdsv2 } from "./aws-eks-nodegroup-enforce-imdsv2";
import { awsIamPolicyDisallowAdminWildcard } from "./aws-iam-policy-disallow-admin-wildcard";
import { awsKmsKeyEnableRotation } from "./aws-kms-key-enable-rotation";
import { awsRdsInstanceConfigureBackupRetention } from "./aws-rds-instance-configure-backup-retention";
import { awsRdsInstanceDisallowPublicAccess } from "./aws-rds-instance-disallow-public-access";
import { awsRdsInstanceEnableCopyTagsToSnapshot } from "./aws-rds-instance-enable-copy-tags-to-snapshot";
import { awsRdsInstanceEnableDeletionProtection } from "./aws-rds-instance-enable-deletion-protection";
import { awsRdsInstanceEnableEnhancedMonitoring } from "./aws-rds-instance-enable-enhanced-monitoring";
import { awsRdsInstanceEnableIamAuthentication } from "./aws-rds-instance-enable-iam-authentication";
import { awsRdsInstanceEnableLogExports } from "./aws-rds-instance-enable-log-exports";
import { awsRdsInstanceEnableMinorVersionUpgrade } from "./aws-rds-instance-enable-minor-version-upgrade";
import { awsRdsInstanceEnableMultiAz } from "./aws-rds-instance-enable-multi-az";
import { awsRdsInstanceEnableStorageEncryption } from "./aws-rds-instance-enable-storage-encryption";
import { awsS3BucketDisallowPublicAccess } from "./aws-s3-bucket-disallow-public-access";
import { awsS3BucketEnableEncryption } from "./aws-s3-bucket-enable-encryption";
import { awsS3BucketEnableVersioning } from "./aws-s3-bucket-enable-versioning";
import { awsS3BucketEnforceTls } from "./aws-s3-bucket-enforce-tls";

export const awsPolicies: TerracePolicy[] = [
    // EKS control plane
    awsEksClusterDisallowPublicEndpoint,
    awsEksClusterEnableControlPlaneLogging,
    awsEksClusterEnableSecretsEncryption,
    awsEksClusterEnforceSupportedVersion,
    // Nodes
    awsEksNodegroupEnforceImdsv2,
    awsEksNodegroupEnableVolumeEncryption,
    awsEksNodegroupDisallowPublicIp,
    // RDS
    awsRdsInstanceEnableStorageEncryption,
    awsRdsInstanceDisallowPublicAccess,
    awsRdsInstanceConfigureBackupRetention,
    awsRdsInstanceEnableMultiAz,
    awsRdsInstanceEnableDeletionProtection,
    awsRdsInstanceEnableIamAuthentication,
    awsRdsInstanceEnableLogExports,
    awsRdsInstanceEnableMinorVersionUpgrade,
    awsRdsInstanceEnableCopyTagsToSnapshot,
    awsRdsInstanceEnableEnhancedMonitoring,
    // S3 (stack policies: settings are separate resources in @pulumi/aws v7)
    awsS3BucketDisallowPublicAccess,
    awsS3BucketEnableVersioning,
    awsS3BucketEnableEncryption,
    awsS3BucketEnforceTls,
    // Network, keys, identities
    awsEc2SecuritygroupDisallowPublicIngress,
    awsKmsKeyEnableRotation,
    awsIamPolicyDisallowAdminWildcard,
];
