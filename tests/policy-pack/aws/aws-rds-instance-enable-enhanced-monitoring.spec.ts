import * as assert from "assert";
import { awsRdsInstanceEnableEnhancedMonitoring as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-enhanced-monitoring";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.6"];

describe("aws-rds-instance-enable-enhanced-monitoring", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports has no enhanced monitoring (monitoringInterval is 0 or not set)", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.monitoringInterval = 0));
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod has no enhanced monitoring (monitoringInterval is 0 or not set)", CONTROLS],
        ]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.monitoringInterval = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
