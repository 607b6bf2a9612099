import { isUnknown } from "../../lib/values";
import { rdsPolicy } from "./rds";

/** What RDS keeps when backupRetentionPeriod is not given (CreateDBInstance's default). */
export const RDS_DEFAULT_RETENTION_DAYS = 1;

/**
 * FSBP RDS.11: automated backups give point-in-time recovery; the days kept are the window in which a bad write
 * can still be undone. The minimum is per environment (pack config).
 */
export const awsRdsInstanceConfigureBackupRetention = rdsPolicy({
    name: "aws-rds-instance-configure-backup-retention",
    description: "RDS instances keep automated backups for at least the configured number of days.",
    control: "aws-fsbp:RDS.11",
    severity: "high",
    remediationSteps: "Set backupRetentionPeriod to at least minimumRetentionDays (at most 35).",
    configSchema: {
        properties: {
            minimumRetentionDays: {
                type: "integer",
                minimum: 1,
                maximum: 35,
                description: "Fewest days of automated backups an instance may keep.",
                default: 7,
            },
        },
    },
    check: (props, settings) => {
        const raw = props["backupRetentionPeriod"];
        if (isUnknown(raw)) return undefined;
        const days = typeof raw === "number" ? raw : RDS_DEFAULT_RETENTION_DAYS;
        const minimum = settings["minimumRetentionDays"] as number;
        if (days === 0) return "has automated backups disabled (backupRetentionPeriod 0)";
        if (days < minimum) {
            return `keeps automated backups for ${days} day${days === 1 ? "" : "s"}${typeof raw === "number" ? "" : " (the default)"}, fewer than the required ${minimum}`;
        }
        return undefined;
    },
});
