import { flag } from "./common";
import { rdsPolicy } from "./rds";

/** FSBP RDS.5: a standby in a second AZ takes over in about a minute when the primary's AZ or host fails. */
export const awsRdsInstanceEnableMultiAz = rdsPolicy({
    name: "aws-rds-instance-enable-multi-az",
    description: "RDS instances run Multi-AZ (the pack config requires it where availability matters: prod).",
    control: "aws-fsbp:RDS.5",
    severity: "medium",
    remediationSteps: "Set multiAz: true.",
    check: (props) => {
        const multiAz = flag(props["multiAz"]);
        return multiAz === false || multiAz === undefined ? "is not Multi-AZ" : undefined;
    },
});
