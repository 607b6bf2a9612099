import { flag } from "./common";
import { rdsPolicy } from "./rds";

/** FSBP RDS.17: snapshots carry the instance's tags, so ownership, cost allocation and tag-based access apply to them too. */
export const awsRdsInstanceEnableCopyTagsToSnapshot = rdsPolicy({
    name: "aws-rds-instance-enable-copy-tags-to-snapshot",
    description: "RDS instances copy their tags to snapshots.",
    control: "aws-fsbp:RDS.17",
    severity: "low",
    remediationSteps: "Set copyTagsToSnapshot: true.",
    check: (props) => {
        const copy = flag(props["copyTagsToSnapshot"]);
        return copy === false || copy === undefined ? "does not copy its tags to snapshots" : undefined;
    },
});
