import * as assert from "assert";
import { kubernetesNamespaceMissingDefaultDeny as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-namespace-missing-default-deny";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, deployment, mutate, run, stack } from "./fixtures";

const CONTROLS = ["cis-eks:4.3.2"];

describe("kubernetes-namespace-missing-default-deny", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports an application namespace without any default deny", () => {
        const resources = stack().filter((r) => !r.type.endsWith(":NetworkPolicy"));
        assertFindings(run(policy, resources), [
            ["namespace erp has no default-deny NetworkPolicy for ingress and egress", CONTROLS],
        ]);
        assert.strictEqual(
            run(policy, resources)[0].urn,
            "urn:pulumi:test::terrace::kubernetes:core/v1:Namespace::erp",
        );
    });

    it("reports a deny that covers ingress only (policyTypes omitted)", () => {
        const resources = mutate(stack(), "NetworkPolicy", "erp-default-deny", (p) => delete p.spec.policyTypes);
        assertFindings(run(policy, resources), [
            ["namespace erp has no default-deny NetworkPolicy for egress", CONTROLS],
        ]);
    });

    it("does not count a policy that selects only some pods", () => {
        const resources = mutate(
            stack(),
            "NetworkPolicy",
            "erp-default-deny",
            (p) => (p.spec.podSelector = { matchLabels: { app: "api" } }),
        );
        assertFindings(run(policy, resources), [
            ["namespace erp has no default-deny NetworkPolicy for ingress and egress", CONTROLS],
        ]);
    });

    it("does not count a policy that allows traffic", () => {
        const resources = mutate(
            stack(),
            "NetworkPolicy",
            "erp-default-deny",
            (p) => (p.spec.egress = [{ to: [{ namespaceSelector: {} }] }]),
        );
        assertFindings(run(policy, resources), [
            ["namespace erp has no default-deny NetworkPolicy for egress", CONTROLS],
        ]);
    });

    it("reports a namespace that only a workload names", () => {
        assertFindings(run(policy, [...stack(), deployment("billing", "billing")]), [
            ["namespace billing has no default-deny NetworkPolicy for ingress and egress", CONTROLS],
        ]);
    });

    it("exempts platform and system namespaces", () => {
        assert.deepStrictEqual(run(policy, [deployment("coredns", "kube-system"), deployment("proxy", "gateway")]), []);
    });

    it("leaves the decision to pulumi up while a policy's namespace is unknown", () => {
        const resources = mutate(
            stack(),
            "NetworkPolicy",
            "erp-default-deny",
            (p) => (p.metadata.namespace = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
