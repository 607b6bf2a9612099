import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** What the infrastructure layer hands to the platform and application layers. */
export interface ClusterInfo {
    /** EKS cluster name. */
    readonly name: pulumi.Output<string>;
    /** API server URL, `https://<host>`. */
    readonly endpoint: pulumi.Output<string>;
    /** IAM OIDC provider ARN (trust principal for IRSA roles). */
    readonly oidcProviderArn: pulumi.Output<string>;
    /** OIDC issuer without the scheme, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC` (IRSA condition keys). */
    readonly oidcProviderUrl: pulumi.Output<string>;
    /** The provider every Kubernetes resource and Helm release uses. */
    readonly provider: k8s.Provider;
    /** The control plane resource, for releases that only need the API server (Cilium). */
    readonly controlPlane: pulumi.Resource;
    /** Security group of the cluster's nodes (RDS admits 5432 from it). */
    readonly nodeSecurityGroupId: pulumi.Output<string>;
    readonly vpcId: pulumi.Output<string>;
    readonly region: string;
    readonly accountId: pulumi.Output<string>;
}

/** The managed node groups by tier, so a release can wait for exactly the tier it runs on. */
export type TierNodeGroups = Readonly<Record<import("./tiers").TierName, pulumi.Resource>>;
