import * as assert from "assert";
import { awsRdsInstanceEnableStorageEncryption as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-storage-encryption";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.3"];

describe("aws-rds-instance-enable-storage-encryption", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports does not encrypt its storage (storageEncrypted is not true)", () => {
        const resources = mutate([database()], "Instance", "db", (p) => delete p.storageEncrypted);
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod does not encrypt its storage (storageEncrypted is not true)", CONTROLS],
        ]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.storageEncrypted = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
