import * as assert from "assert";
import { kubernetesContainerMissingResources as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-container-missing-resources";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, container, mutate, run, stack } from "./fixtures";

const CONTROLS = ["terrace:container-resources"];

describe("kubernetes-container-missing-resources", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a container without a CPU request", () => {
        const resources = mutate(
            stack(),
            "Deployment",
            "api",
            (p) => delete p.spec.template.spec.containers[0].resources.requests.cpu,
        );
        assertFindings(run(policy, resources), [["Deployment erp/api: container app lacks a CPU request", CONTROLS]]);
    });

    it("reports a container without a memory request", () => {
        const resources = mutate(
            stack(),
            "Deployment",
            "api",
            (p) => delete p.spec.template.spec.containers[0].resources.requests.memory,
        );
        assertFindings(run(policy, resources), [
            ["Deployment erp/api: container app lacks a memory request", CONTROLS],
        ]);
    });

    it("reports a container without a memory limit", () => {
        const resources = mutate(
            stack(),
            "Deployment",
            "api",
            (p) => delete p.spec.template.spec.containers[0].resources.limits,
        );
        assertFindings(run(policy, resources), [["Deployment erp/api: container app lacks a memory limit", CONTROLS]]);
    });

    it("reports every missing value of an init container at once", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => {
            p.spec.template.spec.initContainers = [{ ...container("migrate"), resources: undefined }];
        });
        assertFindings(run(policy, resources), [
            [
                "Deployment erp/api: init container migrate lacks a CPU request, a memory request and a memory limit",
                CONTROLS,
            ],
        ]);
    });

    it("does not require resources of ephemeral containers, which cannot declare them", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => {
            p.spec.template.spec.ephemeralContainers = [
                { name: "debug", image: "public.ecr.aws/docker/library/busybox:1.36" },
            ];
        });
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("treats a value unknown during preview as set", () => {
        const resources = mutate(
            stack(),
            "Deployment",
            "api",
            (p) => (p.spec.template.spec.containers[0].resources.limits.memory = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
