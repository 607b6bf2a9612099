import * as assert from "assert";
import { awsRdsInstanceEnableMultiAz as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-multi-az";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.5"];

describe("aws-rds-instance-enable-multi-az", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports is not Multi-AZ", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.multiAz = false));
        assertFindings(run(policy, resources), [["RDS instance terrace-prod is not Multi-AZ", CONTROLS]]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.multiAz = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
