import * as assert from "assert";
import {
    kubernetesToken,
    kubernetesType,
    levelRequires,
    namespaceLevel,
    namespaceOf,
    podOf,
    providerNamespace,
} from "../../../policy-pack/lib/pods";
import { UNKNOWN } from "../../../policy-pack/lib/values";

const podSpec = {
    initContainers: [{ name: "init" }],
    containers: [{ name: "app" }, { name: "sidecar" }],
    ephemeralContainers: [{ name: "debug" }],
};

describe("pods", () => {
    it("parses Pulumi Kubernetes type tokens", () => {
        assert.deepStrictEqual(kubernetesType("kubernetes:apps/v1:Deployment"), {
            group: "apps",
            version: "v1",
            kind: "Deployment",
        });
        assert.deepStrictEqual(kubernetesType("kubernetes:core/v1:Pod"), { group: "core", version: "v1", kind: "Pod" });
        assert.strictEqual(kubernetesType("aws:eks/cluster:Cluster"), undefined);
    });

    it("spells manifest apiVersions as Pulumi type tokens (core group for v1)", () => {
        assert.strictEqual(kubernetesToken("v1", "Pod"), "kubernetes:core/v1:Pod");
        assert.strictEqual(kubernetesToken("batch/v1", "CronJob"), "kubernetes:batch/v1:CronJob");
        assert.strictEqual(
            kubernetesToken("gateway.networking.k8s.io/v1", "HTTPRoute"),
            "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
        );
    });

    it("lists every container with its kind, init containers first", () => {
        const pod = podOf("kubernetes:core/v1:Pod", { metadata: { name: "p" }, spec: podSpec });
        assert.deepStrictEqual(
            pod?.containers.map((c) => [c.kind, c.label]),
            [
                ["initContainer", "init container init"],
                ["container", "container app"],
                ["container", "container sidecar"],
                ["ephemeralContainer", "ephemeral container debug"],
            ],
        );
    });

    it("finds a CronJob's pod under its job template", () => {
        const pod = podOf("kubernetes:batch/v1:CronJob", {
            metadata: { name: "cj", namespace: "erp" },
            spec: { jobTemplate: { spec: { template: { metadata: { labels: { a: "b" } }, spec: podSpec } } } },
        });
        assert.deepStrictEqual([pod?.kind, pod?.namespace, pod?.metadata], ["CronJob", "erp", { labels: { a: "b" } }]);
    });

    it("has no pod for kinds without one, or before the template is known", () => {
        assert.strictEqual(podOf("kubernetes:core/v1:Service", { spec: {} }), undefined);
        assert.strictEqual(podOf("kubernetes:apps/v1:Deployment", { spec: { template: UNKNOWN } }), undefined);
    });

    it("puts a manifest without a namespace in default", () => {
        assert.strictEqual(namespaceOf({ metadata: { name: "x" } }), "default");
        assert.strictEqual(namespaceOf({ metadata: { name: "x", namespace: UNKNOWN } }), UNKNOWN);
    });

    it("puts an object without a namespace in its Kubernetes provider's namespace", () => {
        assert.strictEqual(providerNamespace({ props: { namespace: "monitoring", kubeconfig: "x" } }), "monitoring");
        assert.strictEqual(providerNamespace({ props: { kubeconfig: "x" } }), "default");
        assert.strictEqual(providerNamespace(undefined), "default");
        const pod = podOf("kubernetes:core/v1:Pod", { metadata: { name: "p" }, spec: podSpec }, "monitoring");
        assert.strictEqual(pod?.namespace, "monitoring");
    });

    it("holds a namespace without a setting to restricted", () => {
        assert.strictEqual(namespaceLevel("team-x", { erp: "baseline" }), "restricted");
        assert.strictEqual(namespaceLevel("erp", { erp: "baseline" }), "baseline");
        assert.strictEqual(namespaceLevel("erp", undefined), "restricted");
    });

    it("orders the levels: restricted includes baseline, privileged includes nothing", () => {
        assert.deepStrictEqual(
            (["privileged", "baseline", "restricted"] as const).map((l) => [
                levelRequires(l, "baseline"),
                levelRequires(l, "restricted"),
            ]),
            [
                [false, false],
                [true, false],
                [true, true],
            ],
        );
    });
});
