import * as assert from "assert";
import { POLICY_NAME, finding, isStackPolicy, parseFinding } from "../../../policy-pack/lib/policy";

describe("policy", () => {
    describe("finding()", () => {
        it("prefixes the message with the controls it breaks", () => {
            assert.strictEqual(
                finding(["pss-restricted:capabilities"], "container app adds CHOWN"),
                "[pss-restricted:capabilities] container app adds CHOWN",
            );
        });

        it("lists several controls", () => {
            assert.strictEqual(
                finding(["cis-eks:5.4.2", "aws-fsbp:EKS.1"], "endpoint is public"),
                "[cis-eks:5.4.2, aws-fsbp:EKS.1] endpoint is public",
            );
        });

        it("rejects something that is not a control id", () => {
            assert.throws(() => finding(["capabilities"], "x"), /"capabilities" is not a control id/);
        });
    });

    describe("parseFinding()", () => {
        it("inverts finding()", () => {
            const text = finding(["aws-fsbp:RDS.3", "terrace:rds-backups"], "storage is not encrypted [kms]");
            assert.deepStrictEqual(parseFinding(text), {
                controls: ["aws-fsbp:RDS.3", "terrace:rds-backups"],
                message: "storage is not encrypted [kms]",
            });
        });

        it("keeps a plain message without controls", () => {
            assert.deepStrictEqual(parseFinding("[draft] not a finding"), {
                controls: [],
                message: "[draft] not a finding",
            });
        });
    });

    describe("policy names", () => {
        it("accept <area>-<resource>-<verb>-<subject>", () => {
            assert.match("pss-pod-disallow-host-namespaces", POLICY_NAME);
            assert.match("aws-rds-enforce-multi-az", POLICY_NAME);
        });

        it("reject a verb outside missing|disallow|enable|configure|enforce", () => {
            assert.doesNotMatch("pss-pod-forbid-host-namespaces", POLICY_NAME);
        });
    });

    it("tells stack policies from resource policies", () => {
        assert.strictEqual(
            isStackPolicy({ name: "a", description: "", controls: [], validateStack: () => undefined }),
            true,
        );
        assert.strictEqual(
            isStackPolicy({ name: "a", description: "", controls: [], validateResource: () => undefined }),
            false,
        );
    });
});
