import * as assert from "assert";
import { awsRdsInstanceEnableLogExports as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-log-exports";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.9"];

describe("aws-rds-instance-enable-log-exports", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports does not export the upgrade log to CloudWatch", () => {
        const resources = mutate(
            [database()],
            "Instance",
            "db",
            (p) => (p.enabledCloudwatchLogsExports = ["postgresql"]),
        );
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod does not export the upgrade log to CloudWatch", CONTROLS],
        ]);
    });

    it("reports every missing log of the engine", () => {
        const resources = mutate([database()], "Instance", "db", (p) => {
            p.engine = "mysql";
            p.enabledCloudwatchLogsExports = ["error"];
        });
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod does not export the audit, general, slowquery logs to CloudWatch", CONTROLS],
        ]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate(
            [database()],
            "Instance",
            "db",
            (p) => (p.enabledCloudwatchLogsExports = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
