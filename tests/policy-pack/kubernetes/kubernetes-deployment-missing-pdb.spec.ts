import * as assert from "assert";
import { kubernetesDeploymentMissingPdb as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-deployment-missing-pdb";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["terrace:pdb"];
const withoutPdb = () => stack().filter((r) => !r.type.endsWith(":PodDisruptionBudget"));

describe("kubernetes-deployment-missing-pdb", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a replicated Deployment without a PodDisruptionBudget", () => {
        assertFindings(run(policy, withoutPdb()), [
            ["Deployment erp/api runs 2 replicas without a PodDisruptionBudget", CONTROLS],
        ]);
    });

    it("does not ask a single replica for a budget", () => {
        const resources = mutate(withoutPdb(), "Deployment", "api", (p) => (p.spec.replicas = 1));
        mutate(resources, "HorizontalPodAutoscaler", "api", (p) => (p.spec.minReplicas = 1));
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("counts the replicas an HPA keeps at minimum", () => {
        const resources = mutate(withoutPdb(), "Deployment", "api", (p) => delete p.spec.replicas);
        assertFindings(run(policy, resources), [
            ["Deployment erp/api runs 2 replicas without a PodDisruptionBudget", CONTROLS],
        ]);
    });

    it("does not count a budget whose selector misses the pods", () => {
        const resources = mutate(
            stack(),
            "PodDisruptionBudget",
            "api",
            (p) => (p.spec.selector.matchLabels.app = "web"),
        );
        assertFindings(run(policy, resources), [
            ["Deployment erp/api runs 2 replicas without a PodDisruptionBudget", CONTROLS],
        ]);
    });

    it("reports a budget that allows no disruption", () => {
        const resources = mutate(stack(), "PodDisruptionBudget", "api", (p) => {
            delete p.spec.maxUnavailable;
            p.spec.minAvailable = "100%";
        });
        assertFindings(run(policy, resources), [
            [
                "PodDisruptionBudget erp/api allows no disruption of the 2 replicas of Deployment erp/api; node drains would block",
                CONTROLS,
            ],
        ]);
    });

    it("accepts a minAvailable below the replica count", () => {
        const resources = mutate(stack(), "PodDisruptionBudget", "api", (p) => {
            delete p.spec.maxUnavailable;
            p.spec.minAvailable = 1;
        });
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("reports a budget that sets neither minAvailable nor maxUnavailable", () => {
        const resources = mutate(stack(), "PodDisruptionBudget", "api", (p) => delete p.spec.maxUnavailable);
        assertFindings(run(policy, resources), [
            ["PodDisruptionBudget erp/api sets neither minAvailable nor maxUnavailable", CONTROLS],
        ]);
    });

    it("reports pods selected by two budgets, which eviction refuses", () => {
        const resources = stack();
        const pdb = resources.find((r) => r.type.endsWith(":PodDisruptionBudget"))!;
        resources.push({
            ...structuredClone(pdb),
            name: "api-2",
            urn: pdb.urn + "-2",
            props: { ...structuredClone(pdb.props), metadata: { name: "api-2", namespace: "erp" } },
        });
        assertFindings(run(policy, resources), [
            [
                "Deployment erp/api is selected by 2 PodDisruptionBudgets (PodDisruptionBudget erp/api, PodDisruptionBudget erp/api-2); eviction refuses pods with more than one",
                CONTROLS,
            ],
        ]);
    });

    it("leaves replicas unknown during preview to pulumi up", () => {
        const resources = mutate(withoutPdb(), "Deployment", "api", (p) => (p.spec.replicas = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
