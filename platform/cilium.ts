/**
 * Cilium: the cluster's CNI in AWS ENI mode (pods get VPC addresses from ENIs the operator attaches), native
 * routing, kube-proxy replacement, Hubble relay, and the Gateway API controller the ingress gateway runs on.
 * The cluster is created without aws-node and kube-proxy (bootstrapSelfManagedAddons: false), so nodes have no
 * network until Cilium runs: this release goes after the control plane and before the node groups (index.ts).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo } from "../infra/cluster-info";
import type { Environment } from "../config";
import type { CiliumConfig } from "../config/platform";
import { irsaRole } from "../infra/irsa";
import { gatewayApiCrds } from "./gateway-api";
import { ChartPin, helmPlacement, pinnedRelease } from "./release";

/** tests/fixtures/charts/cilium/Chart.yaml (a copy of ../shared/charts/cilium). */
export const CILIUM_PIN: ChartPin = { chart: "cilium", version: "1.20.0", repository: "https://helm.cilium.io/" };

export const CILIUM_NAMESPACE = "kube-system";
/** The chart's default operator service account (serviceAccounts.operator.name); the IRSA trust names it. */
export const CILIUM_OPERATOR_SERVICE_ACCOUNT = "cilium-operator";
/** GatewayClass the chart creates; the platform Gateway uses it. */
export const CILIUM_GATEWAY_CLASS = "cilium";

/**
 * Keys the chart's templates read that its values.yaml does not declare, each with where it is read.
 * - egressMasqueradeInterfaces: templates/cilium-configmap.yaml renders it as `egress-masquerade-interfaces`.
 *   It only selects the interfaces of iptables masquerading, which is off in ENI mode (enableIPv4Masquerade
 *   below); the EKS install guide stopped setting it when Cilium 1.18 turned masquerading off for ENI mode.
 */
export const CILIUM_UNDECLARED_VALUES: readonly string[] = ["egressMasqueradeInterfaces"];

/**
 * EC2 actions the operator needs in ENI mode, from Cilium's "AWS ENI > Required Privileges" documentation:
 * the base list, plus DescribeTags because ENI garbage collection is on by default. UnassignPrivateIpAddresses
 * (release of excess IPs), AssignIpv6Addresses (IPv6) and DescribeInstances (instance tag filters) are left out
 * because those features are off.
 */
export const CILIUM_OPERATOR_EC2_ACTIONS: readonly string[] = [
    "ec2:DeleteNetworkInterface",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcs",
    "ec2:DescribeRouteTables",
    "ec2:DescribeSecurityGroups",
    "ec2:CreateNetworkInterface",
    "ec2:AttachNetworkInterface",
    "ec2:ModifyNetworkInterfaceAttribute",
    "ec2:AssignPrivateIpAddresses",
    "ec2:CreateTags",
    "ec2:DescribeManagedPrefixLists",
    "ec2:GetManagedPrefixListEntries",
    "ec2:DescribeTags",
];

/** The operator's inline IAM policy. EC2 ENI actions take no resource-level scoping that fits every call. */
export function ciliumOperatorPolicy(): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "CiliumEniIpam", Effect: "Allow", Action: [...CILIUM_OPERATOR_EC2_ACTIONS], Resource: "*" }],
    };
}

/** `https://ABC.gr7.eu-west-1.eks.amazonaws.com` -> `ABC.gr7.eu-west-1.eks.amazonaws.com` (k8sServiceHost). */
export function apiServerHost(endpoint: string): string {
    const host = endpoint.replace(/^[a-z]+:\/\//i, "").replace(/[/:].*$/, "");
    if (host.length === 0)
        throw new Error(`cannot take a host name from the cluster endpoint ${JSON.stringify(endpoint)}`);
    return host;
}

export interface CiliumValuesInput {
    readonly environment: Environment;
    /**
     * The EKS cluster name. The operator tags the ENIs it makes with it and garbage-collects only its own, so
     * clusters sharing an account and region (dev, staging, prod) must not all be called `default`.
     */
    readonly clusterName: string;
    /** API server host name without scheme or port: with kube-proxy replaced, nothing else can tell Cilium. */
    readonly apiServerHost: string;
    /** IRSA role of the operator. */
    readonly operatorRoleArn: string;
    /** `terrace:platform.cilium.egressMasqueradeInterfaces`; only used if IPv4 masquerading is turned on. */
    readonly egressMasqueradeInterfaces: string;
    readonly hubbleUi: boolean;
}

/** Values for the cilium chart. Pure. */
export function ciliumValues(input: CiliumValuesInput): Record<string, unknown> {
    const ha = input.environment === "prod";
    const system = helmPlacement("system");
    const pdb = { enabled: ha, maxUnavailable: 1 };
    if (!/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/.test(input.clusterName)) {
        // The chart's constraint on cluster.name (values.yaml): at most 32 lower-case alphanumerics and dashes.
        throw new Error(
            `Cilium cannot use the cluster name ${JSON.stringify(input.clusterName)} (at most 32 of a-z, 0-9, -)`,
        );
    }
    return {
        cluster: { name: input.clusterName },
        // AWS ENI IPAM with native routing: pods get VPC addresses, so the control plane reaches webhooks and
        // NLBs and RDS see pod IPs without an overlay.
        eni: { enabled: true, iamRole: input.operatorRoleArn },
        ipam: { mode: "eni" },
        routingMode: "native",
        // No SNAT on the node: pods keep their VPC addresses towards RDS and peered networks, and the private
        // subnets' NAT gateways translate what leaves the VPC. This is the chart's ENI-mode default for a new
        // install since 1.18, pinned so it does not depend on upgradeCompatibility; it also means
        // egressMasqueradeInterfaces is rendered but not used.
        enableIPv4Masquerade: false,
        egressMasqueradeInterfaces: input.egressMasqueradeInterfaces,
        kubeProxyReplacement: true,
        k8sServiceHost: input.apiServerHost,
        k8sServicePort: 443,
        // The agent DaemonSet keeps the chart's tolerate-everything default: every node of every tier needs it.
        operator: {
            // Two replicas with the chart's host anti-affinity in prod; one in dev (leader election either way).
            replicas: ha ? 2 : 1,
            ...system,
            podDisruptionBudget: pdb,
        },
        hubble: {
            enabled: true,
            relay: { enabled: true, replicas: ha ? 2 : 1, ...system, podDisruptionBudget: pdb },
            ui: { enabled: input.hubbleUi, ...system },
        },
        gatewayAPI: {
            enabled: true,
            // Always create the GatewayClass: the CRDs are installed first, but "auto" would skip it if they lagged.
            gatewayClass: { create: "true" },
        },
    };
}

export interface CiliumNetworkingArgs {
    /** The stack's profile (dev, staging, prod): decides the defaults under the settings. */
    readonly environment: Environment;
    /** `terrace:platform.cilium`. */
    readonly settings: CiliumConfig;
    /** The cluster Cilium networks; its control plane must exist, its nodes must not need to. */
    readonly cluster: ClusterInfo;
}

/** Gateway API CRDs, the operator's IRSA role and the Cilium release. The node groups depend on this component. */
export class CiliumNetworking extends pulumi.ComponentResource {
    /** The Cilium release: the node groups wait for it. */
    readonly release: k8s.helm.v3.Release;
    /** The Gateway API CRDs (what Gateways and HTTPRoutes depend on). */
    readonly gatewayApiCrds: pulumi.Resource;
    readonly operatorRole: aws.iam.Role;
    /** GatewayClass name for Gateways. */
    readonly gatewayClassName: string = CILIUM_GATEWAY_CLASS;

    constructor(name: string, args: CiliumNetworkingArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:CiliumNetworking", name, {}, opts);
        const { cluster, environment, settings } = args;

        this.gatewayApiCrds = gatewayApiCrds(
            `${name}-gateway-api-crds`,
            { provider: cluster.provider },
            { parent: this, dependsOn: [cluster.controlPlane] },
        );

        this.operatorRole = irsaRole(
            `${name}-operator`,
            {
                cluster,
                namespace: CILIUM_NAMESPACE,
                serviceAccount: CILIUM_OPERATOR_SERVICE_ACCOUNT,
                policyJson: JSON.stringify(ciliumOperatorPolicy()),
            },
            { parent: this },
        );

        const values = pulumi
            .all([cluster.name, cluster.endpoint, this.operatorRole.arn])
            .apply(([clusterName, endpoint, operatorRoleArn]) =>
                ciliumValues({
                    environment,
                    clusterName,
                    apiServerHost: apiServerHost(endpoint),
                    operatorRoleArn,
                    egressMasqueradeInterfaces: settings.egressMasqueradeInterfaces,
                    hubbleUi: settings.hubbleUi,
                }),
            );

        this.release = pinnedRelease(
            `${name}-release`,
            {
                pin: CILIUM_PIN,
                namespace: CILIUM_NAMESPACE,
                values,
                // No node exists yet when Cilium is installed (the node groups wait for it), so nothing can become
                // ready; waiting would only time out.
                skipAwait: true,
            },
            { parent: this, provider: cluster.provider, dependsOn: [cluster.controlPlane, this.gatewayApiCrds] },
        );

        this.registerOutputs({ release: this.release, operatorRoleArn: this.operatorRole.arn });
    }
}
