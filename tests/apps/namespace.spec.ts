import * as assert from "node:assert/strict";
import {
    defaultDenyPolicy,
    dnsEgressPolicy,
    limitRange,
    namespaceManifest,
    NamespaceInput,
    resourceQuota,
} from "../../apps/namespace";
import { APP_QUOTAS } from "../../config/apps";

const input: NamespaceInput = {
    name: "erp",
    ownership: { environment: "staging", team: "erp", costCenter: "cc-7" },
    quota: APP_QUOTAS.staging,
};

describe("application namespace", () => {
    it("enforces, audits and warns at the restricted Pod Security level", () => {
        const labels = namespaceManifest(input).metadata!.labels!;
        for (const mode of ["enforce", "audit", "warn"]) {
            assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted");
            assert.equal(labels[`pod-security.kubernetes.io/${mode}-version`], "latest");
        }
    });

    it("is labelled with its environment, team and cost centre", () => {
        const labels = namespaceManifest(input).metadata!.labels!;
        assert.equal(labels.environment, "staging");
        assert.equal(labels.team, "erp");
        assert.equal(labels["cost-center"], "cc-7");
    });

    describe("ResourceQuota", () => {
        it("caps requests at the environment's quota and limits at twice that", () => {
            assert.deepEqual(resourceQuota(input).spec!.hard, {
                "requests.cpu": "20",
                "requests.memory": "40Gi",
                "limits.cpu": "40",
                "limits.memory": "80Gi",
                pods: "100",
                "services.nodeports": "0",
                "services.loadbalancers": "0",
            });
        });

        it("writes fractional quotas as milli-cores and MiB", () => {
            const hard = resourceQuota({ ...input, quota: { cpu: 2.5, memoryGiB: 1.5, pods: 10 } }).spec!.hard!;
            assert.equal(hard["requests.cpu"], "2500m");
            assert.equal(hard["requests.memory"], "1536Mi");
            assert.equal(hard["limits.cpu"], "5");
            assert.equal(hard["limits.memory"], "3Gi");
        });

        it("sizes dev, staging and prod 10/20Gi/50, 20/40Gi/100 and 50/100Gi/200", () => {
            const hardOf = (env: keyof typeof APP_QUOTAS) =>
                resourceQuota({ ...input, quota: APP_QUOTAS[env] }).spec!.hard!;
            assert.deepEqual(
                [hardOf("dev")["requests.cpu"], hardOf("dev")["requests.memory"], hardOf("dev").pods],
                ["10", "20Gi", "50"],
            );
            assert.deepEqual(
                [hardOf("prod")["requests.cpu"], hardOf("prod")["limits.memory"], hardOf("prod").pods],
                ["50", "200Gi", "200"],
            );
        });
    });

    it("gives containers that declare nothing default requests and limits", () => {
        const [container, claims] = limitRange(input).spec!.limits;
        assert.equal(container.type, "Container");
        assert.deepEqual(container.defaultRequest, { cpu: "100m", memory: "128Mi", "ephemeral-storage": "128Mi" });
        assert.deepEqual(container.default, { cpu: "500m", memory: "256Mi", "ephemeral-storage": "512Mi" });
        assert.equal(claims.type, "PersistentVolumeClaim");
    });

    it("denies all ingress and egress by default", () => {
        assert.deepEqual(defaultDenyPolicy(input).spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    });

    it("lets every pod resolve names through the cluster DNS, and nothing more", () => {
        const spec = dnsEgressPolicy(input).spec!;
        assert.deepEqual(spec.policyTypes, ["Egress"]);
        assert.deepEqual(spec.egress, [
            {
                to: [
                    {
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                    },
                ],
                ports: [
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ],
            },
        ]);
    });
});
