import * as assert from "assert";
import { kubernetesServiceDisallowNodeport as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-service-disallow-nodeport";
import { assertFindings, mutate, run, stack } from "./fixtures";

describe("kubernetes-service-disallow-nodeport", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a NodePort Service", () => {
        const resources = mutate(stack(), "Service", "api", (p) => (p.spec.type = "NodePort"));
        assertFindings(run(policy, resources), [["Service erp/api is of type NodePort", ["terrace:no-nodeport"]]]);
    });
});
