import * as assert from "assert";
import { kubernetesWorkloadDisallowDefaultNamespace as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-workload-disallow-default-namespace";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["cis-eks:4.5.2"];

describe("kubernetes-workload-disallow-default-namespace", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a workload in the default namespace", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => (p.metadata.namespace = "default"));
        assertFindings(run(policy, resources), [["Deployment default/api runs in the default namespace", CONTROLS]]);
    });

    it("reports a workload without a namespace, which lands in default", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => delete p.metadata.namespace);
        assertFindings(run(policy, resources), [["Deployment default/api runs in the default namespace", CONTROLS]]);
    });

    it("leaves a namespace unknown during preview to pulumi up", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => (p.metadata.namespace = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
