/**
 * AWS Load Balancer Controller: turns the gateway's LoadBalancer Service into an NLB (and owns that NLB's
 * lifecycle: it deletes the NLB when the Service goes). Controllers on the system tier, IRSA with the IAM
 * policy the controller documents (load-balancer-controller-iam-policy.json, from the project's
 * docs/install/iam_policy.json; refresh it from the release tag when the chart is bumped).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment } from "../config";
import { irsaRole } from "../infra/irsa";
import iamPolicy from "./load-balancer-controller-iam-policy.json";
import { ChartPin, helmPlacement, pinnedRelease } from "./release";

/** tests/fixtures/charts/aws-load-balancer-controller/Chart.yaml; the repository is aws/eks-charts. */
export const LOAD_BALANCER_CONTROLLER_PIN: ChartPin = {
    chart: "aws-load-balancer-controller",
    version: "3.5.0",
    repository: "https://aws.github.io/eks-charts",
};

export const LOAD_BALANCER_CONTROLLER_NAMESPACE = "kube-system";
export const LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT = "aws-load-balancer-controller";

/** The controller's documented IAM policy, as a JSON string for the role's inline policy. */
export function loadBalancerControllerPolicyJson(): string {
    return JSON.stringify(iamPolicy);
}

export interface LoadBalancerControllerValuesInput {
    readonly environment: Environment;
    readonly clusterName: string;
    readonly region: string;
    readonly vpcId: string;
    readonly roleArn: string;
}

/** Values for the aws-load-balancer-controller chart. Pure. */
export function loadBalancerControllerValues(input: LoadBalancerControllerValuesInput): Record<string, unknown> {
    const ha = input.environment === "prod";
    return {
        clusterName: input.clusterName,
        // Region and VPC given explicitly, so the controller does not need the instance metadata service (which
        // EKS hardening keeps out of reach of pods).
        region: input.region,
        vpcId: input.vpcId,
        replicaCount: ha ? 2 : 1,
        serviceAccount: {
            create: true,
            name: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
            annotations: { "eks.amazonaws.com/role-arn": input.roleArn },
        },
        ...helmPlacement("system"),
        // The chart's default anti-affinity (configureDefaultAffinity) spreads replicas over nodes; in prod
        // they also spread over zones and a PDB keeps one running through drains.
        ...(ha
            ? {
                  podDisruptionBudget: { maxUnavailable: 1 },
                  topologySpreadConstraints: [
                      {
                          maxSkew: 1,
                          topologyKey: "topology.kubernetes.io/zone",
                          whenUnsatisfiable: "ScheduleAnyway",
                          labelSelector: { matchLabels: { "app.kubernetes.io/name": "aws-load-balancer-controller" } },
                      },
                  ],
              }
            : {}),
        // Only Services that ask for the controller (the gateway's, by annotation) get an AWS load balancer; the
        // mutating webhook would otherwise claim every LoadBalancer Service and block Service creation whenever
        // the controller is down.
        enableServiceMutatorWebhook: false,
    };
}

export interface LoadBalancerControllerArgs {
    readonly environment: Environment;
    readonly cluster: ClusterInfo;
    /** The release waits for its pods, which run on the system tier. */
    readonly nodeGroups: TierNodeGroups;
}

/** The controller's IRSA role and release. */
export class LoadBalancerController extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    readonly role: pulumi.Resource;

    constructor(name: string, args: LoadBalancerControllerArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:LoadBalancerController", name, {}, opts);
        const { cluster } = args;
        const role = irsaRole(
            `${name}-role`,
            {
                cluster,
                namespace: LOAD_BALANCER_CONTROLLER_NAMESPACE,
                serviceAccount: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
                policyJson: loadBalancerControllerPolicyJson(),
            },
            { parent: this },
        );
        this.role = role;
        const values = pulumi.all([cluster.name, cluster.vpcId, role.arn]).apply(([clusterName, vpcId, roleArn]) =>
            loadBalancerControllerValues({
                environment: args.environment,
                clusterName,
                region: cluster.region,
                vpcId,
                roleArn,
            }),
        );
        this.release = pinnedRelease(
            `${name}-release`,
            { pin: LOAD_BALANCER_CONTROLLER_PIN, namespace: LOAD_BALANCER_CONTROLLER_NAMESPACE, values },
            { parent: this, provider: cluster.provider, dependsOn: [args.nodeGroups.system] },
        );
        this.registerOutputs({ release: this.release, roleArn: role.arn });
    }
}
