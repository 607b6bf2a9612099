import { strict as assert } from "node:assert";
import { gatewayTiers, podTiers, selectedTiers, waitsForPods } from "../../../tools/plan-output/placement";
import { PlanBuilder } from "./fixture";

const resource = (type: string, inputs: Record<string, unknown>) => {
    const b = new PlanBuilder();
    const urn = b.add(type, "r", { inputs });
    return b.resources.find((r) => r.urn === urn)!;
};

describe("placement read from the plan", () => {
    it("finds every workload-type nodeSelector in nested values, most frequent first", () => {
        const values = {
            operator: { nodeSelector: { "workload-type": "system" } },
            grafana: { nodeSelector: { "workload-type": "system" } },
            prometheus: { prometheusSpec: { nodeSelector: { "workload-type": "data" } } },
            list: [{ nodeSelector: { "workload-type": "data" } }, { nodeSelector: { "workload-type": "data" } }],
            other: { nodeSelector: { "kubernetes.io/os": "linux" } },
        };
        assert.deepEqual(selectedTiers(values), ["data", "system"]);
    });

    it("puts a chart-wide default (top level or global) first, however often other tiers appear", () => {
        const values = {
            global: { nodeSelector: { "workload-type": "system" } },
            redis: { nodeSelector: { "workload-type": "data" } },
            "redis-ha": { nodeSelector: { "workload-type": "data" } },
        };
        assert.deepEqual(selectedTiers(values), ["system", "data"]);
    });

    it("reads the tier a Gateway's load balancer sends traffic to", () => {
        const gateway = resource("kubernetes:gateway.networking.k8s.io/v1:Gateway", {
            spec: {
                infrastructure: {
                    annotations: {
                        "service.beta.kubernetes.io/aws-load-balancer-target-node-labels":
                            "team=web, workload-type=ingress",
                    },
                },
            },
        });
        assert.deepEqual(gatewayTiers(gateway), ["ingress"]);
        assert.deepEqual(gatewayTiers(resource("kubernetes:gateway.networking.k8s.io/v1:Gateway", {})), []);
    });

    it("ignores labels that are not tiers", () => {
        assert.deepEqual(selectedTiers({ nodeSelector: { "workload-type": "gpu" } }), []);
    });

    it("reads a CronJob's pods one level deeper and an add-on's JSON configuration", () => {
        const cron = resource("kubernetes:batch/v1:CronJob", {
            spec: {
                jobTemplate: { spec: { template: { spec: { nodeSelector: { "workload-type": "application" } } } } },
            },
        });
        assert.deepEqual(podTiers(cron), ["application"]);
        const addon = resource("aws:eks/addon:Addon", {
            configurationValues: JSON.stringify({ nodeSelector: { "workload-type": "system" } }),
        });
        assert.deepEqual(podTiers(addon), ["system"]);
        assert.deepEqual(podTiers(resource("aws:eks/addon:Addon", { configurationValues: "not json" })), []);
    });

    it("knows which resources wait for their pods", () => {
        assert.equal(waitsForPods(resource("kubernetes:helm.sh/v3:Release", { chart: "a" })), true);
        assert.equal(
            waitsForPods(resource("kubernetes:helm.sh/v3:Release", { chart: "cilium", skipAwait: true })),
            false,
        );
        assert.equal(waitsForPods(resource("kubernetes:apps/v1:Deployment", {})), true);
        assert.equal(
            waitsForPods(
                resource("kubernetes:apps/v1:Deployment", {
                    metadata: { annotations: { "pulumi.com/skipAwait": "true" } },
                }),
            ),
            false,
        );
        assert.equal(waitsForPods(resource("kubernetes:batch/v1:CronJob", {})), false);
        assert.equal(waitsForPods(resource("kubernetes:core/v1:ConfigMap", {})), false);
    });
});
