/**
 * Hand-made plan documents for the plan-output specs: a builder that makes URNs the way Pulumi does
 * (`urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`), and a small but complete stack.
 */
import type { PlanDocument, PlanResource } from "../../../tools/plan-output/plan-document";

export interface AddOptions {
    readonly parent?: string;
    readonly deps?: readonly string[];
    readonly inputs?: Record<string, unknown>;
    readonly custom?: boolean;
    readonly provider?: string;
}

export class PlanBuilder {
    readonly resources: PlanResource[] = [];
    readonly stackUrn: string;

    constructor(
        readonly stack = "test",
        readonly project = "terrace",
    ) {
        this.stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
        this.resources.push({
            urn: this.stackUrn,
            type: "pulumi:pulumi:Stack",
            name: `${project}-${stack}`,
            custom: false,
            dependencies: [],
            inputs: {},
        });
    }

    private typeChain(parent: string | undefined): string {
        if (!parent || parent === this.stackUrn) return "";
        const segment = parent.split("::")[2];
        return segment.includes("pulumi:pulumi:Stack") ? "" : `${segment}$`;
    }

    add(type: string, name: string, options: AddOptions = {}): string {
        const parent = options.parent ?? this.stackUrn;
        const urn = `urn:pulumi:${this.stack}::${this.project}::${this.typeChain(options.parent)}${type}::${name}`;
        this.resources.push({
            urn,
            type,
            name,
            parent,
            custom: options.custom ?? !type.startsWith("terrace:"),
            dependencies: [...(options.deps ?? [])],
            inputs: options.inputs ?? {},
            ...(options.provider ? { provider: `${options.provider}::${options.provider.split("::").pop()}-id` } : {}),
        });
        return urn;
    }

    component(type: string, name: string, parent?: string): string {
        return this.add(type, name, { parent, custom: false });
    }

    doc(): PlanDocument {
        return { stack: this.stack, project: this.project, resources: this.resources, outputs: {}, violations: [] };
    }
}

const placement = (tier: string) => ({
    nodeSelector: { "workload-type": tier },
    tolerations:
        tier === "system" ? [] : [{ key: "workload-type", operator: "Equal", value: tier, effect: "NoSchedule" }],
});

/** The URNs of the notable resources of sampleStack(), for assertions. */
export interface SampleUrns {
    vpc: string;
    subnets: string[];
    nats: string[];
    cluster: string;
    provider: string;
    nodeRole: string;
    nodeGroups: Record<string, string>;
    coredns: string;
    dbInstance: string;
    certManager: string;
    certManagerRole: string;
    issuer: string;
    monitoring: string;
    namespace: string;
    orders: string;
    billing: string;
    migration: string;
    redis: string;
    platformComponent: string;
}

/**
 * A small stack shaped like Terrace: network, an EKS remote component, four tiers, CoreDNS, RDS, two releases,
 * an app namespace with two alike Deployments, a migration Job and a Redis StatefulSet.
 */
export function sampleStack(stack = "prod"): { doc: PlanDocument; urns: SampleUrns } {
    const b = new PlanBuilder(stack);
    const net = b.component("terrace:infra:Network", "net");
    const vpc = b.add("aws:ec2/vpc:Vpc", "net", { parent: net, inputs: { cidrBlock: "10.30.0.0/16" } });
    const subnets = ["a", "b", "c"].map((az) =>
        b.add("aws:ec2/subnet:Subnet", `net-private-${az}`, { parent: net, deps: [vpc], inputs: { vpcId: "vpc-id" } }),
    );
    const nats = ["a", "b"].map((az, i) => {
        const eip = b.add("aws:ec2/eip:Eip", `net-nat-${az}`, { parent: net });
        return b.add("aws:ec2/natGateway:NatGateway", `net-nat-${az}`, { parent: net, deps: [subnets[i], eip] });
    });

    const eks = b.component("terrace:infra:Cluster", "eks");
    const key = b.add("aws:kms/key:Key", "eks-secrets", { parent: eks });
    // The cluster waits for the whole network component (NAT gateways included), as `dependsOn: [network]` would.
    const cluster = b.add("eks:index:Cluster", "eks", {
        parent: eks,
        custom: false,
        deps: [net, key],
        inputs: { name: "terrace-prod", version: "1.35" },
    });
    const provider = b.add("pulumi:providers:kubernetes", "eks-k8s", { parent: eks, deps: [cluster] });

    const tiers = b.component("terrace:infra:NodeTiers", "nodes");
    const nodeRole = b.add("aws:iam/role:Role", "nodes-node-role", { parent: tiers });
    const attachment = b.add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "nodes-node-policy-0", {
        parent: tiers,
        deps: [nodeRole],
    });
    const nodeGroups: Record<string, string> = {};
    for (const tier of ["system", "application", "data", "ingress"]) {
        const lt = b.add("aws:ec2/launchTemplate:LaunchTemplate", `nodes-${tier}`, { parent: tiers });
        nodeGroups[tier] = b.add("aws:eks/nodeGroup:NodeGroup", `nodes-${tier}`, {
            parent: tiers,
            deps: [cluster, nodeRole, attachment, lt, ...subnets],
            inputs: {
                instanceTypes: ["m7i.large"],
                scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 6 },
                capacityType: "ON_DEMAND",
                labels: { "workload-type": tier },
            },
        });
    }
    const corednsComponent = b.component("terrace:infra:CoreDns", "coredns");
    const coredns = b.add("aws:eks/addon:Addon", "coredns", {
        parent: corednsComponent,
        deps: [nodeGroups.system, cluster],
        inputs: { addonName: "coredns", configurationValues: JSON.stringify(placement("system")) },
    });

    const db = b.component("terrace:infra:Database", "db");
    const dbSubnets = b.add("aws:rds/subnetGroup:SubnetGroup", "db-subnets", { parent: db, deps: subnets });
    const password = b.add("random:index/randomPassword:RandomPassword", "db-password", { parent: db });
    const dbInstance = b.add("aws:rds/instance:Instance", "db", {
        parent: db,
        deps: [dbSubnets, password],
        inputs: {
            engine: "postgres",
            engineVersion: "17",
            instanceClass: "db.r7g.xlarge",
            multiAz: true,
            password: "[secret]",
        },
    });

    const platformComponent = b.component("terrace:platform:Platform", "platform");
    const cm = b.component("terrace:platform:CertManager", "cert-manager", platformComponent);
    const certManagerRole = b.add("aws:iam/role:Role", "cert-manager-irsa", { parent: cm, deps: [cluster] });
    const certManager = b.add("kubernetes:helm.sh/v3:Release", "cert-manager", {
        parent: cm,
        deps: [certManagerRole, nodeGroups.system],
        provider,
        inputs: {
            name: "cert-manager",
            chart: "cert-manager",
            version: "v1.19.1",
            namespace: "cert-manager",
            repositoryOpts: { repo: "https://charts.jetstack.io" },
            values: { crds: { enabled: true }, ...placement("system"), webhook: { ...placement("system") } },
        },
    });
    const issuer = b.add("kubernetes:cert-manager.io/v1:ClusterIssuer", "letsencrypt", {
        parent: cm,
        deps: [certManager],
        provider,
        inputs: {
            apiVersion: "cert-manager.io/v1",
            kind: "ClusterIssuer",
            metadata: { name: "letsencrypt" },
            spec: { acme: {} },
        },
    });
    const mon = b.component("terrace:platform:Monitoring", "monitoring", platformComponent);
    const monitoring = b.add("kubernetes:helm.sh/v3:Release", "kube-prometheus-stack", {
        parent: mon,
        deps: [nodeGroups.system, nodeGroups.data],
        provider,
        inputs: {
            chart: "kube-prometheus-stack",
            version: "79.0.0",
            namespace: "monitoring",
            repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
            values: {
                prometheusOperator: placement("system"),
                grafana: placement("system"),
                prometheus: { prometheusSpec: placement("data") },
                adminPassword: "[secret]",
            },
        },
    });

    const apps = b.component("terrace:apps:Apps", "apps");
    const namespace = b.add("kubernetes:core/v1:Namespace", "erp", {
        parent: apps,
        provider,
        inputs: { metadata: { name: "erp", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    });
    const service = (name: string) => {
        const c = b.component("terrace:apps:Service", name, apps);
        const deployment = b.add("kubernetes:apps/v1:Deployment", name, {
            parent: c,
            deps: [namespace],
            provider,
            inputs: {
                apiVersion: "apps/v1",
                kind: "Deployment",
                metadata: { name, namespace: "erp" },
                spec: {
                    replicas: 3,
                    template: {
                        spec: { ...placement("application"), containers: [{ name, image: `erp/${name}:1.0` }] },
                    },
                },
            },
        });
        b.add("kubernetes:core/v1:Service", name, {
            parent: c,
            deps: [namespace],
            provider,
            inputs: { metadata: { name, namespace: "erp" }, spec: { ports: [{ port: 80 }] } },
        });
        return deployment;
    };
    const orders = service("orders");
    const billing = service("billing");
    const migration = b.add("kubernetes:batch/v1:Job", "migrate", {
        parent: apps,
        deps: [namespace, dbInstance],
        provider,
        inputs: {
            metadata: { name: "migrate", namespace: "erp" },
            spec: { template: { spec: { ...placement("application") } } },
        },
    });
    const redis = b.add("kubernetes:apps/v1:StatefulSet", "redis", {
        parent: apps,
        deps: [namespace],
        provider,
        inputs: {
            metadata: { name: "redis", namespace: "erp" },
            spec: { replicas: 1, template: { spec: { ...placement("data") } } },
        },
    });
    b.add("kubernetes:core/v1:Secret", "db-credentials", {
        parent: apps,
        deps: [namespace],
        provider,
        inputs: { metadata: { name: "db-credentials", namespace: "erp" }, stringData: { password: "[secret]" } },
    });
    return {
        doc: b.doc(),
        urns: {
            vpc,
            subnets,
            nats,
            cluster,
            provider,
            nodeRole,
            nodeGroups,
            coredns,
            dbInstance,
            certManager,
            certManagerRole,
            issuer,
            monitoring,
            namespace,
            orders,
            billing,
            migration,
            redis,
            platformComponent,
        },
    };
}
