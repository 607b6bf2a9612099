import * as assert from "assert";
import {
    kubernetesServiceDisallowLoadbalancer as policy,
    loadBalancerAllowed,
} from "../../../policy-pack/policies/kubernetes/kubernetes-service-disallow-loadbalancer";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["terrace:loadbalancer-allowlist"];

describe("kubernetes-service-disallow-loadbalancer", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a LoadBalancer Service outside the allow-list", () => {
        const resources = mutate(stack(), "Service", "api", (p) => (p.spec.type = "LoadBalancer"));
        assertFindings(run(policy, resources), [
            ["Service erp/api is of type LoadBalancer outside the allowed gateway/*", CONTROLS],
        ]);
    });

    it("allows a LoadBalancer in an allowed namespace", () => {
        const resources = mutate(stack(), "Service", "api", (p) => {
            p.spec.type = "LoadBalancer";
            p.metadata.namespace = "gateway";
        });
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("allows no LoadBalancer at all without pack settings", () => {
        const resources = mutate(stack(), "Service", "api", (p) => (p.spec.type = "LoadBalancer"));
        assertFindings(run(policy, resources, { allowedLoadBalancers: [] }), [
            ["Service erp/api is of type LoadBalancer outside the allowed (none)", CONTROLS],
        ]);
    });

    it("matches namespace/name and namespace/* entries", () => {
        assert.strictEqual(loadBalancerAllowed("gateway", "public", ["gateway/public"]), true);
        assert.strictEqual(loadBalancerAllowed("gateway", "other", ["gateway/public"]), false);
        assert.strictEqual(loadBalancerAllowed("gateway", undefined, ["gateway/*"]), true);
        assert.strictEqual(loadBalancerAllowed("erp", "public", ["gateway/*"]), false);
    });
});
