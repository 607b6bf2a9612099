import * as assert from "assert";
import { awsKmsKeyEnableRotation as policy } from "../../../policy-pack/policies/aws/aws-kms-key-enable-rotation";
import { assertFindings, awsStack, kmsKey, mutate, run } from "./fixtures";

describe("aws-kms-key-enable-rotation", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a symmetric key without rotation", () => {
        const resources = mutate([kmsKey()], "Key", "secrets", (p) => delete p.enableKeyRotation);
        assertFindings(run(policy, resources), [
            ["KMS key secrets (EKS secrets) does not rotate (enableKeyRotation is not true)", ["aws-fsbp:KMS.4"]],
        ]);
    });

    it("does not ask asymmetric keys to rotate, which KMS cannot do", () => {
        const resources = mutate([kmsKey()], "Key", "secrets", (p) => {
            delete p.enableKeyRotation;
            p.customerMasterKeySpec = "RSA_2048";
            p.keyUsage = "SIGN_VERIFY";
        });
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
