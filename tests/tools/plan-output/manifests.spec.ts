import { strict as assert } from "node:assert";
import * as YAML from "yaml";
import { manifestOf, renderManifests, slug } from "../../../tools/plan-output/manifests";
import { kubernetesObjectType } from "../../../tools/plan-output/plan-document";
import { PlanBuilder, sampleStack } from "./fixture";

interface Manifest {
    apiVersion?: string;
    kind?: string;
    metadata?: Record<string, unknown>;
    [key: string]: unknown;
}
const parse = (content: string) => YAML.parse(content) as Manifest;

describe("rendered manifests", () => {
    const { doc } = sampleStack();
    const files = renderManifests(doc);
    const byPath = new Map(files.map((f) => [f.path, f.content]));

    it("writes one file per Kubernetes object, grouped by namespace, cluster-scoped ones apart", () => {
        assert.deepEqual(
            files.map((f) => f.path),
            [
                "manifests/_cluster/clusterissuer-letsencrypt.yaml",
                "manifests/_cluster/namespace-erp.yaml",
                "manifests/erp/deployment-billing.yaml",
                "manifests/erp/deployment-orders.yaml",
                "manifests/erp/job-migrate.yaml",
                "manifests/erp/secret-db-credentials.yaml",
                "manifests/erp/service-billing.yaml",
                "manifests/erp/service-orders.yaml",
                "manifests/erp/statefulset-redis.yaml",
            ],
        );
    });

    it("leaves out Helm releases, providers and cloud resources", () => {
        const kinds = files.map((f) => parse(f.content).kind);
        assert.ok(!kinds.includes(undefined));
        assert.ok(!files.some((f) => /release|provider|vpc/i.test(f.path)));
    });

    it("writes the manifest as declared, fills apiVersion and kind from the type, and heads it with the URN", () => {
        const content = byPath.get("manifests/erp/service-orders.yaml")!;
        const source = doc.resources.find((r) => r.type === "kubernetes:core/v1:Service" && r.name === "orders")!;
        assert.ok(content.startsWith(`# ${source.urn}\n`));
        assert.deepEqual(parse(content), {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "orders", namespace: "erp" },
            spec: { ports: [{ port: 80 }] },
        });
        assert.equal(parse(byPath.get("manifests/erp/job-migrate.yaml")!).apiVersion, "batch/v1");
    });

    it("keeps secret values masked", () => {
        assert.deepEqual(parse(byPath.get("manifests/erp/secret-db-credentials.yaml")!).stringData, {
            password: "[secret]",
        });
    });

    it("puts a namespaced object without a namespace in default, and names an auto-named object after its resource", () => {
        const b = new PlanBuilder();
        b.add("kubernetes:core/v1:ConfigMap", "settings", { inputs: { data: { a: "1" } } });
        const [file] = renderManifests(b.doc());
        assert.equal(file.path, "manifests/default/configmap-settings.yaml");
        assert.deepEqual(parse(file.content).metadata, { name: "settings", namespace: "default" });
    });

    it("never lets two objects share a file", () => {
        const b = new PlanBuilder();
        const parent = b.component("terrace:apps:Other", "other");
        b.add("kubernetes:core/v1:ConfigMap", "one", { inputs: { metadata: { name: "same", namespace: "x" } } });
        b.add("kubernetes:core/v1:ConfigMap", "two", {
            parent,
            inputs: { metadata: { name: "same", namespace: "x" } },
        });
        assert.deepEqual(
            renderManifests(b.doc()).map((f) => f.path),
            ["manifests/x/configmap-same-2.yaml", "manifests/x/configmap-same.yaml"],
        );
    });

    it("reads group, version and kind from Pulumi Kubernetes types", () => {
        assert.deepEqual(kubernetesObjectType("kubernetes:core/v1:Namespace"), { apiVersion: "v1", kind: "Namespace" });
        assert.deepEqual(kubernetesObjectType("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"), {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
        });
        assert.equal(kubernetesObjectType("kubernetes:helm.sh/v3:Release"), undefined);
        assert.equal(kubernetesObjectType("kubernetes:yaml/v2:ConfigGroup"), undefined);
        assert.equal(kubernetesObjectType("pulumi:providers:kubernetes"), undefined);
    });

    it("keeps metadata name and namespace first", () => {
        const b = new PlanBuilder();
        const urn = b.add("kubernetes:core/v1:ConfigMap", "c", {
            inputs: { metadata: { labels: { a: "b" }, namespace: "n", name: "c" } },
        });
        const o = manifestOf(b.resources.find((r) => r.urn === urn)!)!;
        assert.deepEqual(Object.keys(o.manifest.metadata as object), ["name", "namespace", "labels"]);
        assert.equal(slug("Foo_Bar.baz--"), "foo-bar.baz");
    });
});
