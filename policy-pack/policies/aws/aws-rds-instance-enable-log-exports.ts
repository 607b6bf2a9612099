import { isUnknown, list, text } from "../../lib/values";
import { rdsPolicy } from "./rds";

/** The logs FSBP RDS.9 expects per engine family. */
export const REQUIRED_LOGS: Readonly<Record<string, readonly string[]>> = {
    postgres: ["postgresql", "upgrade"],
    mysql: ["audit", "error", "general", "slowquery"],
    mariadb: ["audit", "error", "general", "slowquery"],
    oracle: ["alert", "audit", "trace", "listener"],
    sqlserver: ["error", "agent"],
};

/** The engine family of an engine name: `oracle-ee` -> oracle, `sqlserver-se` -> sqlserver. */
export function engineFamily(engine: string): string {
    return engine.split("-")[0];
}

/** FSBP RDS.9: database logs in CloudWatch outlive the instance and can raise alarms. */
export const awsRdsInstanceEnableLogExports = rdsPolicy({
    name: "aws-rds-instance-enable-log-exports",
    description: "RDS instances export their engine's logs to CloudWatch (PostgreSQL: postgresql and upgrade).",
    control: "aws-fsbp:RDS.9",
    severity: "medium",
    remediationSteps: "Set enabledCloudwatchLogsExports to the engine's log types (PostgreSQL: [postgresql, upgrade]).",
    check: (props) => {
        const engine = props["engine"];
        const exports = props["enabledCloudwatchLogsExports"];
        if (isUnknown(engine) || isUnknown(exports) || list(exports).some(isUnknown)) return undefined;
        const enabled = list(exports).map(text);
        const required = REQUIRED_LOGS[engineFamily(text(engine) ?? "")];
        if (!required) return enabled.length === 0 ? "exports no logs to CloudWatch" : undefined;
        const missing = required.filter((log) => !enabled.includes(log));
        return missing.length > 0
            ? `does not export the ${missing.join(", ")} log${missing.length === 1 ? "" : "s"} to CloudWatch`
            : undefined;
    },
});
