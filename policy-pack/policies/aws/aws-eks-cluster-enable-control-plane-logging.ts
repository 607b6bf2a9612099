import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, plainProps } from "../../lib/values";
import { eksClusterOf } from "./common";

const ALL_LOGS = "cis-eks:2.1.1";
const AUDIT_LOG = "aws-fsbp:EKS.8";

/** Every control-plane log type EKS can send to CloudWatch. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * CIS EKS 2.1.1 asks for every control-plane log type; FSBP EKS.8 for the audit log in particular. Without them an
 * incident has no record of who called the API, how they authenticated, or what the controllers did.
 */
export const awsEksClusterEnableControlPlaneLogging: TerraceResourcePolicy = {
    name: "aws-eks-cluster-enable-control-plane-logging",
    description:
        "EKS clusters send all five control-plane log types (api, audit, authenticator, controllerManager, scheduler) to CloudWatch.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["aws", "eks", "logging"],
    controls: [ALL_LOGS, AUDIT_LOG],
    remediationSteps: "Set enabledClusterLogTypes to [api, audit, authenticator, controllerManager, scheduler].",
    validateResource: (args, report) => {
        const cluster = eksClusterOf(args.type, plainProps(args.props), args.name);
        if (!cluster || isUnknown(cluster.logTypes)) return;
        const enabled = cluster.logTypes ?? [];
        const missing = CONTROL_PLANE_LOG_TYPES.filter((t) => !enabled.includes(t));
        if (missing.length === 0) return;
        const controls = missing.includes("audit") ? [ALL_LOGS, AUDIT_LOG] : [ALL_LOGS];
        report(finding(controls, `${cluster.label} does not log ${missing.join(", ")} to CloudWatch`));
    },
};
