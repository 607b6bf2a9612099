import { flag } from "./common";
import { rdsPolicy } from "./rds";

/** FSBP RDS.13: minor versions carry the security fixes; RDS applies them in the maintenance window. */
export const awsRdsInstanceEnableMinorVersionUpgrade = rdsPolicy({
    name: "aws-rds-instance-enable-minor-version-upgrade",
    description: "RDS instances take automatic minor version upgrades.",
    control: "aws-fsbp:RDS.13",
    severity: "medium",
    remediationSteps: "Set autoMinorVersionUpgrade: true (the default) and pin only the major version.",
    check: (props) =>
        flag(props["autoMinorVersionUpgrade"]) === false ? "does not take automatic minor version upgrades" : undefined,
});
