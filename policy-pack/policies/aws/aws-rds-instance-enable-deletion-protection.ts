import { flag } from "./common";
import { rdsPolicy } from "./rds";

/** FSBP RDS.8: deletion protection refuses DeleteDBInstance, from the console, the CLI or a mistaken `pulumi destroy`. */
export const awsRdsInstanceEnableDeletionProtection = rdsPolicy({
    name: "aws-rds-instance-enable-deletion-protection",
    description: "RDS instances have deletion protection (the pack config requires it where data matters).",
    control: "aws-fsbp:RDS.8",
    severity: "medium",
    remediationSteps: "Set deletionProtection: true (and keep a final snapshot: skipFinalSnapshot false).",
    check: (props) => {
        const protectedInstance = flag(props["deletionProtection"]);
        return protectedInstance === false || protectedInstance === undefined
            ? "has no deletion protection"
            : undefined;
    },
});
