import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierNodeGroups } from "./cluster-info";
import { Environment, TierSizing, TiersConfig } from "../config";
import { nodeGroupTaints, Taint, TIER_NAMES, tierLabels, TierName, TIERS } from "./tiers";

/** Managed policies every node needs. No CNI policy: the Cilium operator manages ENIs through its own IRSA role. */
export const NODE_POLICY_ARNS = [
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
];

export interface NodeTiersArgs {
    readonly clusterName: pulumi.Input<string>;
    readonly kubernetesVersion: string;
    readonly environment: Environment;
    /** Validated `terrace:tiers` settings. */
    readonly config: TiersConfig;
    /** Private subnets, one per AZ: each group spreads across all of them. */
    readonly subnetIds: pulumi.Input<string>[];
    /**
     * Security groups of every node: the EKS cluster group (which EKS attaches only when a launch template names
     * none) plus extra ones such as the database clients group.
     */
    readonly securityGroupIds: pulumi.Input<string>[];
    /** What nodes must wait for: the CNI (Cilium), without which they never become Ready; default none. */
    readonly waitFor?: pulumi.Resource[];
    /** Tags applied to every resource; default none. */
    readonly tags?: Record<string, string>;
}

const EKS_TAINT_EFFECT = {
    NoSchedule: "NO_SCHEDULE",
    NoExecute: "NO_EXECUTE",
    PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;

/** Taints in the EKS API's spelling. */
export function eksTaints(taints: readonly Taint[]): { key: string; value: string; effect: string }[] {
    return taints.map((t) => ({ key: t.key, value: t.value, effect: EKS_TAINT_EFFECT[t.effect] }));
}

/** Launch template data: IMDSv2 only with hop limit 1 (pods cannot reach the node's credentials), encrypted gp3. */
export function launchTemplateSpec(tier: TierName, sizing: TierSizing): aws.ec2.LaunchTemplateArgs {
    return {
        description: `${tier} tier nodes`,
        updateDefaultVersion: true,
        metadataOptions: {
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "disabled",
        },
        blockDeviceMappings: [
            {
                deviceName: "/dev/xvda",
                ebs: {
                    volumeSize: sizing.diskSizeGiB,
                    volumeType: "gp3",
                    encrypted: "true",
                    deleteOnTermination: "true",
                },
            },
        ],
        monitoring: { enabled: true },
    };
}

/** How many nodes may be replaced at once during an update: a third in prod keeps two thirds serving. */
export function updateConfig(environment: Environment): { maxUnavailablePercentage: number } {
    return { maxUnavailablePercentage: environment === "prod" ? 33 : 50 };
}

/** One managed node group per tier, labelled and tainted from the tier table. */
export class NodeTiers extends pulumi.ComponentResource {
    readonly nodeGroups: TierNodeGroups;
    readonly nodeRole: aws.iam.Role;

    constructor(name: string, args: NodeTiersArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:infra:NodeTiers", name, {}, opts);
        const tags = args.tags ?? {};
        this.nodeRole = new aws.iam.Role(
            `${name}-node-role`,
            {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
                    ],
                }),
                tags,
            },
            { parent: this },
        );
        const attachments = NODE_POLICY_ARNS.map(
            (policyArn, i) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-node-policy-${i}`,
                    { role: this.nodeRole.name, policyArn },
                    { parent: this },
                ),
        );

        const groups = {} as Record<TierName, aws.eks.NodeGroup>;
        for (const tier of TIER_NAMES) {
            const sizing = args.config[tier];
            const launchTemplate = new aws.ec2.LaunchTemplate(
                `${name}-${tier}`,
                {
                    ...launchTemplateSpec(tier, sizing),
                    vpcSecurityGroupIds: args.securityGroupIds,
                    tagSpecifications: [
                        { resourceType: "instance", tags: { ...tags, Name: `${name}-${tier}`, "workload-type": tier } },
                        { resourceType: "volume", tags: { ...tags, Name: `${name}-${tier}` } },
                    ],
                    tags,
                },
                { parent: this },
            );
            groups[tier] = new aws.eks.NodeGroup(
                `${name}-${tier}`,
                {
                    clusterName: args.clusterName,
                    nodeGroupNamePrefix: `${tier}-`,
                    nodeRoleArn: this.nodeRole.arn,
                    subnetIds: args.subnetIds,
                    version: args.kubernetesVersion,
                    amiType: "AL2023_x86_64_STANDARD",
                    instanceTypes: sizing.instanceTypes,
                    capacityType: sizing.capacityType,
                    scalingConfig: {
                        minSize: sizing.minSize,
                        desiredSize: sizing.desiredSize,
                        maxSize: sizing.maxSize,
                    },
                    updateConfig: updateConfig(args.environment),
                    labels: tierLabels(tier),
                    taints: eksTaints(nodeGroupTaints(tier)),
                    launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
                    tags: { ...tags, "terrace/tier": tier, "terrace/purpose": TIERS[tier].purpose },
                },
                {
                    parent: this,
                    dependsOn: [...attachments, ...(args.waitFor ?? [])],
                    // A new name per replacement lets the new group come up before the old one drains.
                    deleteBeforeReplace: false,
                    // Resizing after creation (by hand or by an autoscaler) is not reverted by the next `pulumi up`.
                    ignoreChanges: ["scalingConfig.desiredSize"],
                },
            );
        }
        this.nodeGroups = groups;
        this.registerOutputs({ nodeGroups: Object.fromEntries(TIER_NAMES.map((t) => [t, groups[t].nodeGroupName])) });
    }
}
