/**
 * AWS resources that comply with every AWS policy of the pack, in both forms a policy meets (the resources of a
 * real run and the pulumi-eks component inputs of the offline plan). Each spec mutates one field and asserts
 * the exact violation.
 */
import type { TerracePolicy } from "../../../policy-pack/lib/policy";
import { PolicyResource, Violation, runPolicies } from "../../../policy-pack/lib/runner";
import { mutate, resource, urn } from "../resources";

export { assertFindings, mutate, resource, urn } from "../resources";

export const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0b6f3a4e-1111-2222-3333-444455556666";

const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export function awsCluster(): PolicyResource {
    return resource("aws:eks/cluster:Cluster", "cluster", {
        name: "terrace-prod",
        version: "1.35",
        vpcConfig: {
            endpointPrivateAccess: true,
            endpointPublicAccess: true,
            publicAccessCidrs: ["198.51.100.10/32"],
            subnetIds: ["subnet-1"],
        },
        enabledClusterLogTypes: LOG_TYPES,
        encryptionConfig: { provider: { keyArn: KEY_ARN }, resources: ["secrets"] },
    });
}

export function componentCluster(): PolicyResource {
    return resource("eks:index:Cluster", "cluster", {
        name: "terrace-prod",
        version: "1.35",
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: ["198.51.100.10/32"],
        enabledClusterLogTypes: LOG_TYPES,
        encryptionConfigKeyArn: KEY_ARN,
        skipDefaultNodeGroup: true,
    });
}

export function launchTemplate(): PolicyResource {
    return resource("aws:ec2/launchTemplate:LaunchTemplate", "nodes-system", {
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [
            { deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true" } },
        ],
    });
}

/** The launch template alone with one change, as the node-group policies' specs judge it. */
export function launchTemplateWith(change: (props: Record<string, any>) => void): PolicyResource[] {
    return mutate([launchTemplate()], "LaunchTemplate", "nodes-system", change);
}

export function nodeGroup(): PolicyResource {
    return resource("aws:eks/nodeGroup:NodeGroup", "nodes-system", {
        clusterName: "terrace-prod",
        nodeGroupNamePrefix: "system-",
        launchTemplate: { id: "lt-0123", version: "1" },
        scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 3 },
    });
}

export function managedNodeGroup(): PolicyResource {
    return resource("eks:index:ManagedNodeGroup", "nodes-app", {
        cluster: { urn: urn("eks:index:Cluster", "cluster") },
        launchTemplate: { id: "lt-0456", version: "1" },
    });
}

export function database(): PolicyResource {
    return resource("aws:rds/instance:Instance", "db", {
        identifier: "terrace-prod",
        engine: "postgres",
        engineVersion: "17",
        publiclyAccessible: false,
        storageEncrypted: true,
        kmsKeyId: KEY_ARN,
        multiAz: true,
        backupRetentionPeriod: 30,
        deletionProtection: true,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        autoMinorVersionUpgrade: true,
        copyTagsToSnapshot: true,
        monitoringInterval: 15,
    });
}

const TLS_ONLY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: ["arn:aws:s3:::terrace-backups", "arn:aws:s3:::terrace-backups/*"],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    ],
});

/** A bucket and its four settings resources, tied by the bucket's physical name. */
export function bucket(): PolicyResource[] {
    return [
        resource("aws:s3/bucket:Bucket", "backups", { bucket: "terrace-backups" }),
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "backups", {
            bucket: "terrace-backups",
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }),
        resource("aws:s3/bucketVersioning:BucketVersioning", "backups", {
            bucket: "terrace-backups",
            versioningConfiguration: { status: "Enabled" },
        }),
        resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "backups", {
            bucket: "terrace-backups",
            rules: [
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
                    bucketKeyEnabled: true,
                },
            ],
        }),
        resource("aws:s3/bucketPolicy:BucketPolicy", "backups", { bucket: "terrace-backups", policy: TLS_ONLY }),
    ];
}

export function securityGroups(): PolicyResource[] {
    return [
        resource("aws:ec2/securityGroup:SecurityGroup", "lb", {
            name: "lb",
            ingress: [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
                { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.30.0.0/16"] },
            ],
        }),
        resource("aws:ec2/securityGroupRule:SecurityGroupRule", "vpc-https", {
            type: "ingress",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: ["10.30.0.0/16"],
            securityGroupId: "sg-1",
        }),
        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-nodes", {
            securityGroupId: "sg-2",
            referencedSecurityGroupId: "sg-3",
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
        }),
    ];
}

export function kmsKey(): PolicyResource {
    return resource("aws:kms/key:Key", "secrets", {
        description: "EKS secrets",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
    });
}

export function iamPolicies(): PolicyResource[] {
    const scoped = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::terrace-backups/*" },
        ],
    });
    return [
        resource("aws:iam/policy:Policy", "velero", { name: "velero", policy: scoped }),
        resource("aws:iam/rolePolicy:RolePolicy", "cilium", { role: "cilium", policy: JSON.parse(scoped) }),
        resource("aws:iam/role:Role", "irsa", { inlinePolicies: [{ name: "read", policy: scoped }] }),
    ];
}

/** Every compliant AWS resource above. */
export function awsStack(): PolicyResource[] {
    return [
        awsCluster(),
        componentCluster(),
        launchTemplate(),
        nodeGroup(),
        managedNodeGroup(),
        database(),
        ...bucket(),
        ...securityGroups(),
        kmsKey(),
        ...iamPolicies(),
    ];
}

/** Runs one policy with the given settings. */
export function run(
    policy: TerracePolicy,
    resources: readonly PolicyResource[],
    settings?: Record<string, unknown>,
): Violation[] {
    return runPolicies(resources, settings ? { [policy.name]: settings } : {}, [policy]);
}
