import * as assert from "assert";
import { awsRdsInstanceEnableMinorVersionUpgrade as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-minor-version-upgrade";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.13"];

describe("aws-rds-instance-enable-minor-version-upgrade", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports does not take automatic minor version upgrades", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.autoMinorVersionUpgrade = false));
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod does not take automatic minor version upgrades", CONTROLS],
        ]);
    });

    it("accepts the default (true)", () => {
        assert.deepStrictEqual(
            run(
                policy,
                mutate([database()], "Instance", "db", (p) => delete p.autoMinorVersionUpgrade),
            ),
            [],
        );
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.autoMinorVersionUpgrade = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
