/**
 * NetworkPolicies from declared callers and dependencies. The namespace denies all traffic by default
 * (apps/namespace.ts); each workload then gets exactly the flows it declares, nothing wider.
 */
import { INetworkPolicy, NAME_LABEL, ObjectMeta } from "./k8s";

/** A port, TCP unless stated. */
export type PortRef = number | { readonly port: number; readonly protocol: "TCP" | "UDP" };

/** Who may open connections to a workload. */
export type Peer =
    /** Pods of another workload in the same namespace, by its name label. */
    | { readonly app: string }
    /** Pods in another namespace, optionally narrowed by their labels. */
    | { readonly namespace: string; readonly podLabels?: Readonly<Record<string, string>> }
    /**
     * The platform's Gateway. Cilium's Gateway API implementation proxies through Envoy, and the backend sees
     * the reserved `ingress` identity, which no Kubernetes NetworkPolicy selector matches: this caller becomes
     * a CiliumNetworkPolicy (`fromEntities: [ingress]`).
     */
    | { readonly gateway: true };

/** Where a workload may open connections to. */
export type Dependency =
    | { readonly app: string; readonly ports: readonly PortRef[] }
    | {
          readonly namespace: string;
          readonly podLabels?: Readonly<Record<string, string>>;
          readonly ports: readonly PortRef[];
      }
    /** Addresses outside the cluster (RDS in the VPC, AWS APIs), with optional holes (the instance metadata service). */
    | { readonly cidr: string; readonly except?: readonly string[]; readonly ports: readonly PortRef[] };

export interface IngressRule {
    readonly from: Peer;
    readonly ports: readonly PortRef[];
}

export interface NetworkPolicyInput {
    /** The policy's name. */
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    /** The pods the policy isolates. */
    readonly podSelector: Readonly<Record<string, string>>;
    readonly ingress: readonly IngressRule[];
    readonly egress: readonly Dependency[];
}

/** The namespace label the API server sets on every namespace (immutable, so safe to select on). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** The instance metadata service: no workload needs node credentials, IRSA gives pods their own. */
export const INSTANCE_METADATA_CIDR = "169.254.169.254/32";

/** The Cilium network policy kind; only what Terrace uses is typed (see tests/support/k8s-schema.ts). */
export interface CiliumNetworkPolicy {
    readonly apiVersion: "cilium.io/v2";
    readonly kind: "CiliumNetworkPolicy";
    readonly metadata: ObjectMeta;
    readonly spec: {
        readonly description?: string;
        readonly endpointSelector: { readonly matchLabels: Record<string, string> };
        readonly ingress: readonly {
            readonly fromEntities: readonly "ingress"[];
            readonly toPorts: readonly {
                readonly ports: readonly { readonly port: string; readonly protocol: "TCP" | "UDP" }[];
            }[];
        }[];
    };
}

type NetworkPolicyPeer = NonNullable<
    NonNullable<NonNullable<INetworkPolicy["spec"]>["ingress"]>[number]["from"]
>[number];
type NetworkPolicyPort = NonNullable<
    NonNullable<NonNullable<INetworkPolicy["spec"]>["ingress"]>[number]["ports"]
>[number];

export function isGateway(peer: Peer): peer is { readonly gateway: true } {
    return "gateway" in peer;
}

function portsOf(ports: readonly PortRef[]): NetworkPolicyPort[] {
    return ports.map((p) =>
        typeof p === "number" ? { protocol: "TCP", port: p } : { protocol: p.protocol, port: p.port },
    );
}

function namespaceSelector(namespace: string) {
    return { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } };
}

/** The Kubernetes peer of a caller or dependency; undefined for the gateway (see Peer). */
export function peerOf(peer: Peer | Dependency): NetworkPolicyPeer | undefined {
    if ("gateway" in peer) return undefined;
    if ("app" in peer) return { podSelector: { matchLabels: { [NAME_LABEL]: peer.app } } };
    if ("cidr" in peer)
        return { ipBlock: { cidr: peer.cidr, ...(peer.except?.length ? { except: [...peer.except] } : {}) } };
    return {
        namespaceSelector: namespaceSelector(peer.namespace),
        ...(peer.podLabels ? { podSelector: { matchLabels: { ...peer.podLabels } } } : {}),
    };
}

/**
 * One policy per workload, isolating it for ingress and egress alike, with one rule per declared caller and
 * one per dependency. An empty list isolates without allowing anything (the pod only gets DNS, from the
 * namespace-wide policy).
 */
export function networkPolicy(input: NetworkPolicyInput): INetworkPolicy {
    const ingress = input.ingress
        .filter((rule) => !isGateway(rule.from))
        .map((rule) => ({ from: [peerOf(rule.from)!], ports: portsOf(rule.ports) }));
    const egress = input.egress.map((dep) => ({ to: [peerOf(dep)!], ports: portsOf(dep.ports) }));
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: input.name, namespace: input.namespace, labels: { ...input.labels } },
        spec: {
            podSelector: { matchLabels: { ...input.podSelector } },
            policyTypes: ["Ingress", "Egress"],
            ingress,
            egress,
        },
    };
}

/** The Cilium policy admitting the Gateway's Envoy, or undefined when the gateway is not a caller. */
export function gatewayPolicy(input: NetworkPolicyInput): CiliumNetworkPolicy | undefined {
    const rules = input.ingress.filter((rule) => isGateway(rule.from));
    if (rules.length === 0) return undefined;
    const ports = [
        ...new Set(
            rules.flatMap((rule) =>
                rule.ports.map((p) => JSON.stringify(typeof p === "number" ? { port: p, protocol: "TCP" } : p)),
            ),
        ),
    ]
        .map((p) => JSON.parse(p) as { port: number; protocol: "TCP" | "UDP" })
        .map((p) => ({ port: String(p.port), protocol: p.protocol }));
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumNetworkPolicy",
        metadata: { name: `${input.name}-from-gateway`, namespace: input.namespace, labels: { ...input.labels } },
        spec: {
            description: `Admit the platform Gateway (Cilium Envoy, identity "ingress") to ${input.name}`,
            endpointSelector: { matchLabels: { ...input.podSelector } },
            ingress: [{ fromEntities: ["ingress"], toPorts: [{ ports }] }],
        },
    };
}
