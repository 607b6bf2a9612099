import { flag } from "./common";
import { rdsPolicy } from "./rds";

/** FSBP RDS.2: a publicly accessible instance gets a public DNS address; only security groups stand between it and the internet. */
export const awsRdsInstanceDisallowPublicAccess = rdsPolicy({
    name: "aws-rds-instance-disallow-public-access",
    description: "RDS instances are not publicly accessible.",
    control: "aws-fsbp:RDS.2",
    severity: "critical",
    remediationSteps: "Set publiclyAccessible: false and reach the database from inside the VPC.",
    check: (props) => (flag(props["publiclyAccessible"]) === true ? "is publicly accessible" : undefined),
});
