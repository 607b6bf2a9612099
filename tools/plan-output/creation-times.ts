/**
 * Typical creation times per resource type: how long `pulumi up` waits between asking for a resource and the
 * resource being ready for what depends on it. They are estimates for the critical path, not measurements of this
 * project: AWS publishes no creation SLAs, and a Helm release waits as long as its pods take to become ready.
 * Correct a figure from the timestamps of a real `pulumi up` (the "Duration" column of `pulumi stack history`
 * or `pulumi up --json` events) and say where it came from in `why`.
 */
import { isRecord, PlanResource } from "./plan-document";

type Inputs = Readonly<Record<string, unknown>>;

export interface CreationTime {
    /** Typical minutes from the create request to ready. */
    readonly minutes: number;
    /** What the time is spent on, and where the figure comes from. */
    readonly why: string;
    /** A better figure from the resource's inputs, when one input changes the time a lot. */
    readonly refine?: (inputs: Inputs) => number;
}

/** Typical minutes of a Helm release that waits for its workloads, by chart; others take HELM_RELEASE.minutes. */
export const HELM_CHART_MINUTES: Readonly<Record<string, number>> = {
    // Many workloads, CRDs, admission webhooks and a Prometheus StatefulSet with a new EBS volume.
    "kube-prometheus-stack": 5,
    // Server, repo server, application controller and the Redis HA StatefulSet.
    "argo-cd": 3,
    // Admission, background, cleanup and reports controllers behind webhooks.
    kyverno: 2,
    // Only ClusterPolicy objects, applied once Kyverno's webhooks answer.
    "kyverno-policies": 0.5,
    // Controller, webhook and cainjector; the webhook must be reachable before the release is ready.
    "cert-manager": 1.5,
    // One Deployment (and, with node agents, a DaemonSet).
    velero: 1.5,
    // Two controller replicas and a webhook.
    "aws-load-balancer-controller": 1.5,
    // Operator and the agent DaemonSet on every node; usually installed without waiting (no node exists yet).
    cilium: 2,
};

const HELM_RELEASE: CreationTime = {
    minutes: 2,
    why: "helm install with wait/atomic: image pulls and readiness of the chart's workloads (HELM_CHART_MINUTES)",
    refine: (inputs) => {
        // skipAwait: Helm returns once the manifests are applied.
        if (inputs.skipAwait === true) return 0.3;
        const chart = typeof inputs.chart === "string" ? inputs.chart : "";
        return HELM_CHART_MINUTES[chart] ?? 2;
    },
};

const QUICK_API = (why: string): CreationTime => ({ minutes: 0.05, why });

/** Exact type tokens. */
export const CREATION_TIMES: Readonly<Record<string, CreationTime>> = {
    // Network.
    "aws:ec2/vpc:Vpc": { minutes: 0.1, why: "API call; the provider waits for state available (seconds)" },
    "aws:ec2/subnet:Subnet": { minutes: 0.1, why: "API call; waits for state available (seconds)" },
    "aws:ec2/internetGateway:InternetGateway": { minutes: 0.1, why: "create and attach (seconds)" },
    "aws:ec2/eip:Eip": QUICK_API("address allocation (seconds)"),
    "aws:ec2/natGateway:NatGateway": {
        minutes: 2,
        why: "NAT gateways take one to a few minutes from pending to available (commonly about 2)",
    },
    "aws:ec2/routeTable:RouteTable": QUICK_API("API call"),
    "aws:ec2/route:Route": QUICK_API("API call"),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": QUICK_API("API call"),
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        minutes: 1.5,
        why: "interface endpoints provision ENIs per subnet (1-2 minutes); gateway endpoints take seconds",
        refine: (inputs) => (inputs.vpcEndpointType === "Gateway" ? 0.2 : 1.5),
    },
    "aws:ec2/flowLog:FlowLog": { minutes: 0.1, why: "API call" },
    "aws:ec2/securityGroup:SecurityGroup": { minutes: 0.1, why: "API call, then rules" },
    "aws:ec2/launchTemplate:LaunchTemplate": QUICK_API("API call"),
    // EKS.
    "aws:eks/cluster:Cluster": {
        minutes: 10,
        why: "EKS control plane creation: about 10 minutes (AWS: 'several minutes'; typically 8-12)",
    },
    "eks:index:Cluster": {
        minutes: 11,
        why: "remote component: control plane (~10 min) plus OIDC provider, security groups and access entries",
    },
    "aws:eks/nodeGroup:NodeGroup": {
        minutes: 4,
        why: "managed node group: instances launch and join (3-5 minutes)",
    },
    "eks:index:ManagedNodeGroup": {
        minutes: 4,
        why: "remote component around a managed node group: instances launch and join (3-5 minutes)",
    },
    "aws:eks/addon:Addon": {
        minutes: 1.5,
        why: "EKS add-on install until ACTIVE; CoreDNS and the EBS CSI driver need schedulable nodes",
    },
    "aws:eks/accessEntry:AccessEntry": QUICK_API("API call"),
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": QUICK_API("API call"),
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": QUICK_API("API call"),
    // Database.
    "aws:rds/instance:Instance": {
        minutes: 12,
        why: "RDS instance create until available: about 10-15 minutes single-AZ, longer Multi-AZ (standby in a second AZ)",
        refine: (inputs) => (inputs.multiAz === true ? 18 : 12),
    },
    "aws:rds/cluster:Cluster": { minutes: 8, why: "Aurora cluster (storage layer) until available" },
    "aws:rds/clusterInstance:ClusterInstance": { minutes: 10, why: "Aurora instance until available" },
    "aws:rds/subnetGroup:SubnetGroup": QUICK_API("API call"),
    "aws:rds/parameterGroup:ParameterGroup": { minutes: 0.1, why: "API call" },
    // Kubernetes objects the provider awaits (Pulumi Kubernetes await logic); others are applied in seconds.
    "kubernetes:helm.sh/v3:Release": HELM_RELEASE,
    "kubernetes:helm.sh/v4:Chart": { minutes: 1, why: "remote component: applies and awaits each rendered object" },
    "kubernetes:apps/v1:Deployment": {
        minutes: 1,
        why: "awaited until the rollout is available (image pulls, probes)",
    },
    "kubernetes:apps/v1:StatefulSet": {
        minutes: 2,
        why: "awaited until all replicas are ready, one after another, each with a new volume",
    },
    "kubernetes:apps/v1:DaemonSet": { minutes: 1, why: "awaited until the pods on every node are ready" },
    "kubernetes:batch/v1:Job": { minutes: 1.5, why: "awaited until the Job completes (e.g. a database migration)" },
    "kubernetes:core/v1:Pod": { minutes: 0.5, why: "awaited until ready" },
    "kubernetes:core/v1:Service": {
        minutes: 0.1,
        why: "awaited until it has endpoints; a LoadBalancer Service also waits for the load balancer's address",
        refine: (inputs) => {
            const spec = isRecord(inputs.spec) ? inputs.spec : {};
            return spec.type === "LoadBalancer" ? 1.5 : 0.1;
        },
    },
    "kubernetes:networking.k8s.io/v1:Ingress": { minutes: 1, why: "awaited until the controller assigns an address" },
};

/** Fallbacks by type prefix, first match wins. */
export const CREATION_TIME_PREFIXES: readonly (readonly [string, CreationTime])[] = [
    ["pulumi:providers:", { minutes: 0, why: "providers are configured in-process" }],
    ["random:", { minutes: 0, why: "generated in-process" }],
    ["tls:", { minutes: 0, why: "generated in-process" }],
    ["aws:iam/", { minutes: 0.1, why: "IAM API call (the provider retries through eventual consistency)" }],
    ["aws:kms/", { minutes: 0.1, why: "KMS API call" }],
    ["aws:s3/", { minutes: 0.1, why: "S3 API call" }],
    ["aws:cloudwatch/", QUICK_API("CloudWatch API call")],
    ["aws:ssm/", QUICK_API("SSM API call")],
    ["aws:secretsmanager/", QUICK_API("Secrets Manager API call")],
    ["aws:ec2/", { minutes: 0.1, why: "EC2 API call" }],
    ["aws:vpc/", QUICK_API("security group rule API call")],
    ["kubernetes:", QUICK_API("applied by the API server; not awaited beyond creation")],
];

/** Anything not in the tables: reported as unknown so that the table can grow. */
export const DEFAULT_CREATION_TIME: CreationTime = { minutes: 0.1, why: "no entry: assumed to be a quick API call" };

export interface CreationEstimate {
    readonly minutes: number;
    /** False when the type matched no entry and DEFAULT_CREATION_TIME was used. */
    readonly known: boolean;
}

/** The estimated creation time of one scheduled resource (custom resource or remote component). */
export function creationMinutes(resource: Pick<PlanResource, "type" | "inputs">): CreationEstimate {
    const entry =
        CREATION_TIMES[resource.type] ??
        CREATION_TIME_PREFIXES.find(([prefix]) => resource.type.startsWith(prefix))?.[1];
    if (!entry) return { minutes: DEFAULT_CREATION_TIME.minutes, known: false };
    return { minutes: entry.refine ? entry.refine(resource.inputs) : entry.minutes, known: true };
}
