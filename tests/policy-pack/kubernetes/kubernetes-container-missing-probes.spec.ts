import * as assert from "assert";
import { kubernetesContainerMissingProbes as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-container-missing-probes";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, container, mutate, run, stack } from "./fixtures";

const CONTROLS = ["terrace:container-probes"];

describe("kubernetes-container-missing-probes", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a container without a readiness probe", () => {
        const resources = mutate(
            stack(),
            "Deployment",
            "api",
            (p) => delete p.spec.template.spec.containers[0].readinessProbe,
        );
        assertFindings(run(policy, resources), [
            ["Deployment erp/api: container app lacks a readinessProbe", CONTROLS],
        ]);
    });

    it("reports a container without a liveness probe", () => {
        const resources = mutate(
            stack(),
            "Deployment",
            "api",
            (p) => delete p.spec.template.spec.containers[0].livenessProbe,
        );
        assertFindings(run(policy, resources), [["Deployment erp/api: container app lacks a livenessProbe", CONTROLS]]);
    });

    it("reports a sidecar (an init container that keeps running) without probes", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => {
            const { readinessProbe, livenessProbe, ...sidecar } = container("proxy");
            p.spec.template.spec.initContainers = [{ ...sidecar, restartPolicy: "Always" }];
        });
        assertFindings(run(policy, resources), [
            ["Deployment erp/api: init container proxy lacks a readinessProbe and a livenessProbe", CONTROLS],
        ]);
    });

    it("does not require probes of a run-to-completion init container", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => {
            p.spec.template.spec.initContainers = [{ name: "migrate", image: "x" }];
        });
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("does not require probes of Jobs and CronJobs", () => {
        const job = {
            type: "kubernetes:batch/v1:Job",
            name: "migrate",
            props: {
                metadata: { name: "migrate", namespace: "erp" },
                spec: { template: { spec: { containers: [{ name: "migrate", image: "x" }] } } },
            },
        };
        assert.deepStrictEqual(run(policy, [job]), []);
    });

    it("treats a probe unknown during preview as present", () => {
        const resources = mutate(
            stack(),
            "Deployment",
            "api",
            (p) => (p.spec.template.spec.containers[0].livenessProbe = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
