import * as assert from "assert";
import { awsRdsInstanceConfigureBackupRetention as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-configure-backup-retention";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.11"];

describe("aws-rds-instance-configure-backup-retention", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports keeps automated backups for 3 days, fewer than the required 7", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.backupRetentionPeriod = 3));
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod keeps automated backups for 3 days, fewer than the required 7", CONTROLS],
        ]);
    });

    it("takes the minimum from the pack config", () => {
        assert.deepStrictEqual(
            run(
                policy,
                mutate([database()], "Instance", "db", (p) => (p.backupRetentionPeriod = 1)),
                { minimumRetentionDays: 1 },
            ),
            [],
        );
        assertFindings(run(policy, [database()], { minimumRetentionDays: 35 }), [
            ["RDS instance terrace-prod keeps automated backups for 30 days, fewer than the required 35", CONTROLS],
        ]);
    });

    it("counts RDS's default of one day when the period is not set", () => {
        const resources = mutate([database()], "Instance", "db", (p) => delete p.backupRetentionPeriod);
        assertFindings(run(policy, resources), [
            [
                "RDS instance terrace-prod keeps automated backups for 1 day (the default), fewer than the required 7",
                CONTROLS,
            ],
        ]);
    });

    it("reports disabled backups", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.backupRetentionPeriod = 0));
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod has automated backups disabled (backupRetentionPeriod 0)", CONTROLS],
        ]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.backupRetentionPeriod = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
