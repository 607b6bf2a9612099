import { flag } from "./common";
import { rdsPolicy } from "./rds";

/** FSBP RDS.10: IAM database authentication lets workloads log in with short-lived tokens from their IRSA role instead of stored passwords. */
export const awsRdsInstanceEnableIamAuthentication = rdsPolicy({
    name: "aws-rds-instance-enable-iam-authentication",
    description: "RDS instances accept IAM database authentication.",
    control: "aws-fsbp:RDS.10",
    severity: "medium",
    remediationSteps: "Set iamDatabaseAuthenticationEnabled: true.",
    check: (props) => {
        const enabled = flag(props["iamDatabaseAuthenticationEnabled"]);
        return enabled === false || enabled === undefined ? "does not enable IAM database authentication" : undefined;
    },
});
