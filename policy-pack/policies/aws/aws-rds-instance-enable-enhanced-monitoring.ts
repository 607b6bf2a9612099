import { isUnknown } from "../../lib/values";
import { rdsPolicy } from "./rds";

/** FSBP RDS.6: enhanced monitoring shows the host's CPU, memory and I/O per process, which CloudWatch's hypervisor metrics do not. */
export const awsRdsInstanceEnableEnhancedMonitoring = rdsPolicy({
    name: "aws-rds-instance-enable-enhanced-monitoring",
    description: "RDS instances have enhanced monitoring (monitoringInterval above 0).",
    control: "aws-fsbp:RDS.6",
    severity: "low",
    remediationSteps: "Set monitoringInterval (1, 5, 10, 15, 30 or 60) and a monitoringRoleArn.",
    check: (props) => {
        const interval = props["monitoringInterval"];
        if (isUnknown(interval)) return undefined;
        return typeof interval === "number" && interval > 0
            ? undefined
            : "has no enhanced monitoring (monitoringInterval is 0 or not set)";
    },
});
