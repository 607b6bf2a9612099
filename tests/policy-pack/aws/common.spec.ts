import * as assert from "assert";
import { UNKNOWN } from "../../../policy-pack/lib/values";
import { eksClusterOf, flag, minorVersion, olderThan } from "../../../policy-pack/policies/aws/common";

describe("AWS policy helpers", () => {
    it("read provider booleans in both spellings", () => {
        assert.strictEqual(flag("true"), true);
        assert.strictEqual(flag(false), false);
        assert.strictEqual(flag(undefined), undefined);
        assert.strictEqual(flag("[secret]"), UNKNOWN);
    });

    it("compare Kubernetes minor versions numerically", () => {
        assert.deepStrictEqual(minorVersion("v1.35.2"), [1, 35]);
        assert.strictEqual(minorVersion("latest"), undefined);
        assert.strictEqual(olderThan([1, 9], [1, 34]), true);
        assert.strictEqual(olderThan([1, 100], [1, 99]), false);
    });

    it("apply EKS's endpoint defaults (public, not private) to both cluster forms", () => {
        for (const type of ["aws:eks/cluster:Cluster", "eks:index:Cluster"]) {
            const props = type === "aws:eks/cluster:Cluster" ? { vpcConfig: {} } : {};
            const view = eksClusterOf(type, props, "c");
            assert.strictEqual(view?.publicAccess, true, type);
            assert.strictEqual(view?.privateAccess, false, type);
            assert.strictEqual(view?.publicAccessCidrs, undefined, type);
        }
    });

    it("keeps a vpcConfig unknown during preview unknown", () => {
        const view = eksClusterOf("aws:eks/cluster:Cluster", { vpcConfig: UNKNOWN }, "c");
        assert.strictEqual(view?.publicAccess, UNKNOWN);
    });
});
