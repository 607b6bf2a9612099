import * as assert from "assert";
import { UNKNOWN } from "../../../policy-pack/lib/values";
import { enumerate, isEmptySelector, kubeObject, selects } from "../../../policy-pack/policies/kubernetes/objects";

describe("Kubernetes objects", () => {
    it("reads kind, name and namespace from a Pulumi type and props", () => {
        const o = kubeObject("kubernetes:apps/v1:Deployment", { metadata: { name: "api" } }, "urn:x", "api");
        assert.deepStrictEqual(
            o && { group: o.group, version: o.version, kind: o.kind, name: o.name, namespace: o.namespace },
            { group: "apps", version: "v1", kind: "Deployment", name: "api", namespace: "default" },
        );
    });

    it("is undefined for other providers' types", () => {
        assert.strictEqual(kubeObject("aws:s3/bucket:Bucket", {}, "urn:x"), undefined);
    });

    describe("label selectors", () => {
        const labels = { app: "api", tier: "application" };

        it("select on matchLabels", () => {
            assert.strictEqual(selects({ matchLabels: { app: "api" } }, labels), true);
            assert.strictEqual(selects({ matchLabels: { app: "web" } }, labels), false);
        });

        it("select on matchExpressions", () => {
            assert.strictEqual(
                selects({ matchExpressions: [{ key: "tier", operator: "In", values: ["application"] }] }, labels),
                true,
            );
            assert.strictEqual(
                selects({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["application"] }] }, labels),
                false,
            );
            assert.strictEqual(
                selects({ matchExpressions: [{ key: "canary", operator: "DoesNotExist" }] }, labels),
                true,
            );
            assert.strictEqual(selects({ matchExpressions: [{ key: "canary", operator: "Exists" }] }, labels), false);
        });

        it("select everything when empty", () => {
            assert.strictEqual(selects({}, labels), true);
            assert.strictEqual(isEmptySelector({}), true);
            assert.strictEqual(isEmptySelector({ matchLabels: { app: "api" } }), false);
        });

        it("cannot decide on values unknown during preview", () => {
            assert.strictEqual(selects({ matchLabels: { app: UNKNOWN } }, labels), UNKNOWN);
            assert.strictEqual(selects({ matchLabels: { app: "api" } }, UNKNOWN), UNKNOWN);
        });
    });

    it("enumerates findings as prose", () => {
        assert.strictEqual(enumerate(["a"]), "a");
        assert.strictEqual(enumerate(["a", "b", "c"]), "a, b and c");
    });
});
