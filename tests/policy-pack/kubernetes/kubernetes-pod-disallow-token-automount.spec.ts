import * as assert from "assert";
import { kubernetesPodDisallowTokenAutomount as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-pod-disallow-token-automount";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, deployment, mutate, run, stack } from "./fixtures";

describe("kubernetes-pod-disallow-token-automount", () => {
    it("passes the compliant stack (the pod's ServiceAccount does not automount)", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a ServiceAccount that automounts its token", () => {
        const resources = mutate(stack(), "ServiceAccount", "api", (p) => delete p.automountServiceAccountToken);
        assertFindings(run(policy, resources), [
            [
                "ServiceAccount erp/api mounts its token into every pod (automountServiceAccountToken is not false)",
                ["cis-eks:4.1.6"],
            ],
            [
                "Deployment erp/api mounts the token of ServiceAccount api without asking for it (set automountServiceAccountToken)",
                ["cis-eks:4.1.6"],
            ],
        ]);
    });

    it("reports a pod on the default ServiceAccount, which mounts its token", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => delete p.spec.template.spec.serviceAccountName);
        assertFindings(run(policy, resources), [
            [
                "Deployment erp/api mounts the token of ServiceAccount default without asking for it (set automountServiceAccountToken)",
                ["cis-eks:4.1.6", "cis-eks:4.1.5"],
            ],
        ]);
    });

    it("accepts a pod that opts in explicitly", () => {
        const resources = mutate(stack(), "ServiceAccount", "api", (p) => (p.automountServiceAccountToken = false));
        mutate(resources, "Deployment", "api", (p) => (p.spec.template.spec.automountServiceAccountToken = true));
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("judges a lone manifest against the account's default", () => {
        assertFindings(run(policy, [deployment("worker")]), [
            [
                "Deployment erp/worker mounts the token of ServiceAccount worker without asking for it (set automountServiceAccountToken)",
                ["cis-eks:4.1.6"],
            ],
        ]);
        const optedOut = mutate(
            [deployment("worker")],
            "Deployment",
            "worker",
            (p) => (p.spec.template.spec.automountServiceAccountToken = false),
        );
        assert.deepStrictEqual(run(policy, optedOut), []);
    });

    it("leaves a ServiceAccount setting unknown during preview to pulumi up", () => {
        const resources = mutate(
            stack(),
            "ServiceAccount",
            "api",
            (p) => (p.automountServiceAccountToken = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
