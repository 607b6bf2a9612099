import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterInfo } from "./cluster-info";
import { ClusterConfig, Environment } from "../config";

/** Every control-plane log type EKS offers (CIS EKS 2.1.1). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

export const CLUSTER_ADMIN_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

export interface ClusterArgs {
    /** EKS cluster name (fixed, so subnet tags and dashboards can refer to it). */
    readonly clusterName: string;
    readonly environment: Environment;
    readonly region: string;
    /** Validated `terrace:cluster` settings. */
    readonly config: ClusterConfig;
    readonly vpcId: pulumi.Input<string>;
    readonly privateSubnetIds: pulumi.Input<string>[];
    readonly publicSubnetIds: pulumi.Input<string>[];
    /** Days to keep control-plane logs. */
    readonly logRetentionDays: number;
    /** Tags applied to every resource; default none. */
    readonly tags?: Record<string, string>;
}

/** Access entries (authentication mode API) that make each configured principal a cluster admin. */
export function adminAccessEntries(admins: readonly string[]): Record<string, eks.types.input.AccessEntryArgs> {
    return Object.fromEntries(
        admins.map((principalArn, i) => [
            `admin${i}`,
            {
                principalArn,
                accessPolicies: {
                    clusterAdmin: { policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: "cluster" } },
                },
            },
        ]),
    );
}

/** Endpoint settings: private always when asked, public only with its allow-list (validated in config). */
export function endpointAccess(config: ClusterConfig): {
    endpointPrivateAccess: boolean;
    endpointPublicAccess: boolean;
    publicAccessCidrs?: string[];
} {
    const { privateAccess, publicAccess, publicAccessCidrs } = config.endpoint;
    return {
        endpointPrivateAccess: privateAccess,
        endpointPublicAccess: publicAccess,
        ...(publicAccess ? { publicAccessCidrs: [...publicAccessCidrs] } : {}),
    };
}

/**
 * The EKS control plane without any node or self-managed add-on: Cilium replaces aws-node and kube-proxy and is
 * installed by the platform layer before the node groups; CoreDNS comes later as an EKS add-on on system nodes.
 */
export class Cluster extends pulumi.ComponentResource {
    readonly info: ClusterInfo;
    readonly eksCluster: eks.Cluster;
    readonly kubeconfig: pulumi.Output<string>;
    readonly secretsKey: aws.kms.Key;

    constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:infra:Cluster", name, {}, opts);
        const tags = args.tags ?? {};
        const prod = args.environment === "prod";

        this.secretsKey = new aws.kms.Key(
            `${name}-secrets`,
            {
                description: `Envelope encryption of Kubernetes secrets in ${args.clusterName}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                tags,
            },
            { parent: this, protect: prod, retainOnDelete: prod },
        );
        new aws.kms.Alias(
            `${name}-secrets`,
            { name: `alias/${args.clusterName}-secrets`, targetKeyId: this.secretsKey.keyId },
            { parent: this },
        );

        // Created before the cluster so EKS writes into a group with a retention instead of a never-expiring one.
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-control-plane`,
            { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: args.logRetentionDays, tags },
            { parent: this },
        );

        this.eksCluster = new eks.Cluster(
            name,
            {
                name: args.clusterName,
                version: args.config.kubernetesVersion,
                vpcId: args.vpcId,
                privateSubnetIds: args.privateSubnetIds,
                publicSubnetIds: args.publicSubnetIds,
                ...endpointAccess(args.config),
                authenticationMode: eks.AuthenticationMode.Api,
                accessEntries: adminAccessEntries(args.config.admins),
                createOidcProvider: true,
                encryptionConfigKeyArn: this.secretsKey.arn,
                enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
                // No aws-node, kube-proxy or self-managed CoreDNS: Cilium takes their place (DESIGN.md).
                bootstrapSelfManagedAddons: false,
                useDefaultVpcCni: true,
                kubeProxyAddonOptions: { enabled: false },
                // CoreDNS is installed as an EKS add-on once the system nodes exist (infra/coredns.ts): created here,
                // it would wait for nodes that cannot join before Cilium runs.
                corednsAddonOptions: { enabled: false },
                skipDefaultNodeGroup: true,
                // Managed node groups use the EKS cluster security group; no extra node security group.
                skipDefaultSecurityGroups: true,
                deletionProtection: prod,
                tags,
            },
            { parent: this, dependsOn: [logGroup] },
        );

        this.kubeconfig = pulumi.secret(this.eksCluster.kubeconfigJson);
        const provider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: this.kubeconfig, enableServerSideApply: true, deleteUnreachable: false },
            { parent: this },
        );
        const identity = aws.getCallerIdentityOutput({}, { parent: this });

        this.info = {
            name: this.eksCluster.eksCluster.name,
            endpoint: this.eksCluster.eksCluster.endpoint,
            oidcProviderArn: this.eksCluster.oidcProviderArn,
            oidcProviderUrl: this.eksCluster.oidcProviderUrl.apply((url) => url.replace(/^https:\/\//, "")),
            provider,
            controlPlane: this.eksCluster,
            nodeSecurityGroupId: this.eksCluster.eksCluster.vpcConfig.clusterSecurityGroupId,
            vpcId: pulumi.output(args.vpcId),
            region: args.region,
            accountId: identity.accountId,
        };
        this.registerOutputs({
            name: this.info.name,
            endpoint: this.info.endpoint,
            oidcProviderArn: this.info.oidcProviderArn,
        });
    }
}
