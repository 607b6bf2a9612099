import * as assert from "assert";
import { awsRdsInstanceEnableDeletionProtection as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-deletion-protection";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.8"];

describe("aws-rds-instance-enable-deletion-protection", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports has no deletion protection", () => {
        const resources = mutate([database()], "Instance", "db", (p) => delete p.deletionProtection);
        assertFindings(run(policy, resources), [["RDS instance terrace-prod has no deletion protection", CONTROLS]]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.deletionProtection = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
