import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { kubernetesPolicies } from "../../../policy-pack/policies/kubernetes";

const FOLDER = path.resolve(__dirname, "../../../policy-pack/policies/kubernetes");

describe("kubernetes policies (policy-pack/policies/kubernetes/index.ts)", () => {
    it("lists the policy of every kubernetes-* file, each named after its file", () => {
        const files = fs
            .readdirSync(FOLDER)
            .filter((f) => f.startsWith("kubernetes-") && f.endsWith(".ts"))
            .map((f) => f.slice(0, -".ts".length))
            .sort();
        assert.deepStrictEqual(kubernetesPolicies.map((p) => p.name).sort(), files);
    });

    it("gives every policy a mandatory default and a remediation", () => {
        for (const policy of kubernetesPolicies) {
            assert.strictEqual(policy.enforcementLevel, "mandatory", policy.name);
            assert.ok((policy.remediationSteps ?? "").length > 0, policy.name);
        }
    });
});
