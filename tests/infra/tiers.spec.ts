import { strict as assert } from "assert";
import { CILIUM_STARTUP_TAINT, nodeGroupTaints, placement, TIER_NAMES } from "../../infra/tiers";

describe("tier table", () => {
    it("has the four tiers of the design", () => {
        assert.deepEqual([...TIER_NAMES], ["system", "application", "data", "ingress"]);
    });

    describe("system tier", () => {
        it("is untainted apart from Cilium's start-up taint", () => {
            assert.deepEqual(nodeGroupTaints("system"), [CILIUM_STARTUP_TAINT]);
        });
        it("places pods with a nodeSelector and no toleration", () => {
            assert.deepEqual(placement("system"), { nodeSelector: { "workload-type": "system" }, tolerations: [] });
        });
    });

    for (const tier of ["application", "data", "ingress"] as const) {
        describe(`${tier} tier`, () => {
            it(`taints nodes workload-type=${tier}:NoSchedule and agent-not-ready:NoExecute`, () => {
                assert.deepEqual(nodeGroupTaints(tier), [
                    { key: "workload-type", value: tier, effect: "NoSchedule" },
                    { key: "node.cilium.io/agent-not-ready", value: "true", effect: "NoExecute" },
                ]);
            });
            it("gives its pods the matching selector and toleration", () => {
                assert.deepEqual(placement(tier), {
                    nodeSelector: { "workload-type": tier },
                    tolerations: [{ key: "workload-type", operator: "Equal", value: tier, effect: "NoSchedule" }],
                });
            });
        });
    }
});
