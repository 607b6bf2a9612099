import * as assert from "node:assert/strict";
import { NAME_LABEL } from "../../apps/k8s";
import {
    gatewayPolicy,
    INSTANCE_METADATA_CIDR,
    networkPolicy,
    NetworkPolicyInput,
    peerOf,
} from "../../apps/network-policies";

const input: NetworkPolicyInput = {
    name: "web",
    namespace: "erp",
    labels: { team: "erp" },
    podSelector: { [NAME_LABEL]: "web" },
    ingress: [
        { from: { gateway: true }, ports: [8080] },
        { from: { app: "api" }, ports: [8080, { port: 8081, protocol: "UDP" }] },
        { from: { namespace: "monitoring", podLabels: { [NAME_LABEL]: "prometheus" } }, ports: [9090] },
    ],
    egress: [{ cidr: "0.0.0.0/0", except: [INSTANCE_METADATA_CIDR], ports: [443] }],
};

describe("network policies", () => {
    describe("peers", () => {
        it("selects a workload of the same namespace by its name label", () => {
            assert.deepEqual(peerOf({ app: "api" }), { podSelector: { matchLabels: { [NAME_LABEL]: "api" } } });
        });

        it("selects another namespace by its immutable name label, optionally narrowed to some pods", () => {
            assert.deepEqual(peerOf({ namespace: "kube-system" }), {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
            });
            assert.deepEqual(peerOf({ namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } }), {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            });
        });

        it("addresses outside the cluster by CIDR, with holes", () => {
            assert.deepEqual(peerOf({ cidr: "0.0.0.0/0", except: ["169.254.169.254/32"], ports: [443] }), {
                ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] },
            });
            assert.deepEqual(peerOf({ cidr: "10.0.0.0/16", ports: [5432] }), { ipBlock: { cidr: "10.0.0.0/16" } });
        });

        it("has no Kubernetes form for the gateway", () => {
            assert.equal(peerOf({ gateway: true }), undefined);
        });
    });

    describe("Kubernetes NetworkPolicy", () => {
        const policy = networkPolicy(input);

        it("isolates the selected pods for ingress and egress", () => {
            assert.deepEqual(policy.spec!.podSelector, { matchLabels: { [NAME_LABEL]: "web" } });
            assert.deepEqual(policy.spec!.policyTypes, ["Ingress", "Egress"]);
            assert.equal(policy.metadata!.namespace, "erp");
        });

        it("has one ingress rule per declared caller except the gateway, on the declared ports", () => {
            assert.equal(policy.spec!.ingress!.length, 2);
            assert.deepEqual(policy.spec!.ingress![0].ports, [
                { protocol: "TCP", port: 8080 },
                { protocol: "UDP", port: 8081 },
            ]);
        });

        it("has one egress rule per dependency", () => {
            assert.deepEqual(policy.spec!.egress, [
                {
                    to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [INSTANCE_METADATA_CIDR] } }],
                    ports: [{ protocol: "TCP", port: 443 }],
                },
            ]);
        });

        it("allows nothing when nothing is declared", () => {
            const closed = networkPolicy({ ...input, ingress: [], egress: [] });
            assert.deepEqual(closed.spec!.ingress, []);
            assert.deepEqual(closed.spec!.egress, []);
        });
    });

    describe("Cilium policy for the gateway", () => {
        const cnp = gatewayPolicy(input)!;

        it("admits Cilium's Envoy (the ingress identity) on the gateway caller's ports only", () => {
            assert.equal(cnp.apiVersion, "cilium.io/v2");
            assert.equal(cnp.metadata.name, "web-from-gateway");
            assert.deepEqual(cnp.spec.endpointSelector, { matchLabels: { [NAME_LABEL]: "web" } });
            assert.deepEqual(cnp.spec.ingress, [
                { fromEntities: ["ingress"], toPorts: [{ ports: [{ port: "8080", protocol: "TCP" }] }] },
            ]);
        });

        it("is not made when the gateway is not a caller", () => {
            assert.equal(gatewayPolicy({ ...input, ingress: input.ingress.slice(1) }), undefined);
        });
    });
});
