/**
 * The application namespace: Pod Security "restricted", a quota sized per environment, default requests and
 * limits, and a default-deny network posture in which only DNS is open. Workloads then open exactly their flows.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { QuotaConfig } from "../config/apps";
import { asInput, ILimitRange, INamespace, INetworkPolicy, IResourceQuota, Ownership, ownershipLabels } from "./k8s";
import { NAMESPACE_NAME_LABEL } from "./network-policies";

/** Pod Security admission at restricted for every mode: enforce rejects, audit logs, warn tells kubectl users. */
export const POD_SECURITY_LABELS: Readonly<Record<string, string>> = {
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/audit": "restricted",
    "pod-security.kubernetes.io/audit-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/warn-version": "latest",
};

/** The cluster DNS pods (CoreDNS on EKS keeps the kube-dns label). */
export const DNS_PEER = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } } as const;

export interface NamespaceInput {
    readonly name: string;
    readonly ownership: Ownership;
    readonly quota: QuotaConfig;
}

export function namespaceManifest(input: NamespaceInput): INamespace {
    return {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: input.name, labels: { ...POD_SECURITY_LABELS, ...ownershipLabels(input.ownership) } },
    };
}

function formatCores(cores: number): string {
    return Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`;
}

function formatGiB(gib: number): string {
    return Number.isInteger(gib) ? `${gib}Gi` : `${Math.round(gib * 1024)}Mi`;
}

/**
 * Requests as configured, limits twice as much (room to burst without letting one namespace take a node
 * group). Services of type NodePort or LoadBalancer are capped at zero: outside traffic enters through the
 * platform's Gateway only.
 */
export function resourceQuota(input: NamespaceInput): IResourceQuota {
    const q = input.quota;
    return {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: `${input.name}-quota`, namespace: input.name, labels: ownershipLabels(input.ownership) },
        spec: {
            hard: {
                "requests.cpu": formatCores(q.cpu),
                "requests.memory": formatGiB(q.memoryGiB),
                "limits.cpu": formatCores(2 * q.cpu),
                "limits.memory": formatGiB(2 * q.memoryGiB),
                pods: String(q.pods),
                "services.nodeports": "0",
                "services.loadbalancers": "0",
            },
        },
    };
}

/** Defaults for a container that declares nothing, so it still counts against the quota; and a ceiling per container. */
export function limitRange(input: NamespaceInput): ILimitRange {
    return {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name: `${input.name}-limits`, namespace: input.name, labels: ownershipLabels(input.ownership) },
        spec: {
            limits: [
                {
                    type: "Container",
                    defaultRequest: { cpu: "100m", memory: "128Mi", "ephemeral-storage": "128Mi" },
                    default: { cpu: "500m", memory: "256Mi", "ephemeral-storage": "512Mi" },
                    max: { cpu: "4", memory: "8Gi", "ephemeral-storage": "20Gi" },
                },
                { type: "PersistentVolumeClaim", max: { storage: "500Gi" } },
            ],
        },
    };
}

/** Every pod isolated for ingress and egress; other policies add the flows each workload declares. */
export function defaultDenyPolicy(input: NamespaceInput): INetworkPolicy {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "default-deny", namespace: input.name, labels: ownershipLabels(input.ownership) },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    };
}

/** Name resolution for every pod, and nothing else. */
export function dnsEgressPolicy(input: NamespaceInput): INetworkPolicy {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "allow-dns-egress", namespace: input.name, labels: ownershipLabels(input.ownership) },
        spec: {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [
                        {
                            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: DNS_PEER.namespace } },
                            podSelector: { matchLabels: { ...DNS_PEER.podLabels } },
                        },
                    ],
                    ports: [
                        { protocol: "UDP", port: 53 },
                        { protocol: "TCP", port: 53 },
                    ],
                },
            ],
        },
    };
}

export interface AppNamespaceArgs {
    /** Name, owners and quota of the namespace. */
    readonly namespace: NamespaceInput;
}

/** The namespace and its guard rails; everything else in the application layer depends on `namespace`. */
export class AppNamespace extends pulumi.ComponentResource {
    readonly namespace: k8s.core.v1.Namespace;
    /** Ready when the namespace, its quota, limits and network policies exist. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: AppNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:AppNamespace", name, {}, opts);
        const input = args.namespace;
        this.namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            asInput<k8s.core.v1.NamespaceArgs>(namespaceManifest(input)),
            { parent: this },
        );
        const after: pulumi.CustomResourceOptions = { parent: this, dependsOn: [this.namespace] };
        this.ready = [
            this.namespace,
            new k8s.core.v1.ResourceQuota(
                `${name}-quota`,
                asInput<k8s.core.v1.ResourceQuotaArgs>(resourceQuota(input)),
                after,
            ),
            new k8s.core.v1.LimitRange(`${name}-limits`, asInput<k8s.core.v1.LimitRangeArgs>(limitRange(input)), after),
            new k8s.networking.v1.NetworkPolicy(
                `${name}-default-deny`,
                asInput<k8s.networking.v1.NetworkPolicyArgs>(defaultDenyPolicy(input)),
                after,
            ),
            new k8s.networking.v1.NetworkPolicy(
                `${name}-allow-dns`,
                asInput<k8s.networking.v1.NetworkPolicyArgs>(dnsEgressPolicy(input)),
                after,
            ),
        ];
        this.registerOutputs({ namespace: this.namespace.metadata.name });
    }
}
