import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { awsPolicies } from "../../../policy-pack/policies/aws";

const FOLDER = path.resolve(__dirname, "../../../policy-pack/policies/aws");

describe("aws policies (policy-pack/policies/aws/index.ts)", () => {
    it("lists the policy of every aws-* file, each named after its file", () => {
        const files = fs
            .readdirSync(FOLDER)
            .filter((f) => f.startsWith("aws-") && f.endsWith(".ts"))
            .map((f) => f.slice(0, -".ts".length))
            .sort();
        assert.deepStrictEqual(awsPolicies.map((p) => p.name).sort(), files);
    });

    it("gives every policy a mandatory default and a remediation", () => {
        for (const policy of awsPolicies) {
            assert.strictEqual(policy.enforcementLevel, "mandatory", policy.name);
            assert.ok((policy.remediationSteps ?? "").length > 0, policy.name);
        }
    });
});
