import * as assert from "assert";
import * as path from "path";
import {
    InputError,
    expandPath,
    resourcesFromFile,
    resourcesFromJson,
    resourcesFromYaml,
} from "../../../policy-pack/lib/manifests";

const FIXTURES = path.resolve(__dirname, "../../fixtures/policy");

describe("manifests", () => {
    describe("YAML", () => {
        it("gives one resource per document, with its Pulumi type, name and position", () => {
            const resources = resourcesFromYaml(
                "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: erp}\n---\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\n",
                "m.yaml",
            );
            assert.deepStrictEqual(
                resources.map((r) => [r.type, r.name, r.source]),
                [
                    ["kubernetes:core/v1:Pod", "erp/a", "m.yaml#0"],
                    ["kubernetes:apps/v1:Deployment", "b", "m.yaml#2"],
                ],
            );
        });

        it("keeps the whole object as props, as Pulumi's Kubernetes inputs", () => {
            const [r] = resourcesFromYaml(
                "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort}\n",
                "s.yaml",
            );
            assert.deepStrictEqual(r.props, {
                apiVersion: "v1",
                kind: "Service",
                metadata: { name: "s" },
                spec: { type: "NodePort" },
            });
        });

        it("expands a List, every item keeping the document's position", () => {
            const resources = resourcesFromYaml(
                "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n",
                "l.yaml",
            );
            assert.deepStrictEqual(
                resources.map((r) => [r.type, r.source]),
                [
                    ["kubernetes:core/v1:ConfigMap", "l.yaml#0"],
                    ["kubernetes:core/v1:Secret", "l.yaml#0"],
                ],
            );
        });

        it("fails on a syntax error, naming the document", () => {
            assert.throws(
                () => resourcesFromFile(path.join(FIXTURES, "broken.yaml")),
                (e: Error) =>
                    e instanceof InputError && e.message.startsWith(`${path.join(FIXTURES, "broken.yaml")}#0: `),
            );
        });

        it("fails on a document that is not a Kubernetes object", () => {
            assert.throws(() => resourcesFromYaml("a: 1\n", "x.yaml"), /x\.yaml#0: not a Kubernetes object/);
        });
    });

    describe("JSON", () => {
        it("reads a list of { type, name, props }", () => {
            const resources = resourcesFromJson(
                JSON.stringify([{ type: "aws:s3/bucket:Bucket", name: "b", props: { bucket: "x" } }]),
                "r.json",
            );
            assert.deepStrictEqual(resources, [
                { type: "aws:s3/bucket:Bucket", name: "b", props: { bucket: "x" }, source: "r.json#0" },
            ]);
        });

        it("reads a plan document's resources, with inputs as props and the graph kept", () => {
            const plan = {
                stack: "prod",
                resources: [
                    { urn: "urn:a", type: "t:i:A", name: "a", custom: true, dependencies: [], inputs: { x: 1 } },
                    { urn: "urn:b", type: "t:i:B", name: "b", parent: "urn:a", dependencies: ["urn:a"], inputs: {} },
                ],
            };
            assert.deepStrictEqual(resourcesFromJson(JSON.stringify(plan), "plan.json"), [
                { type: "t:i:A", name: "a", props: { x: 1 }, source: "plan.json#0", urn: "urn:a", dependencies: [] },
                {
                    type: "t:i:B",
                    name: "b",
                    props: {},
                    source: "plan.json#1",
                    urn: "urn:b",
                    parent: "urn:a",
                    dependencies: ["urn:a"],
                },
            ]);
        });

        it("reads a Kubernetes object", () => {
            const [r] = resourcesFromJson(
                '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"erp"}}',
                "ns.json",
            );
            assert.deepStrictEqual([r.type, r.name, r.source], ["kubernetes:core/v1:Namespace", "erp", "ns.json#0"]);
        });

        it("fails on anything else", () => {
            assert.throws(() => resourcesFromJson('{"a":1}', "x.json"), /x\.json: expected a plan document/);
            assert.throws(
                () => resourcesFromJson("{", "y.json"),
                (e: Error) => e instanceof InputError,
            );
        });
    });

    it("expands a directory to its YAML and JSON files, sorted", () => {
        assert.deepStrictEqual(
            expandPath(FIXTURES).map((f) => path.basename(f)),
            ["broken.yaml", "privileged-daemonset.yaml", "resources.json", "restricted-deployment.yaml"],
        );
    });
});
