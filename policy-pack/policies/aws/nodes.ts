/**
 * Where an EKS node's instance settings come from, by resource type. A launch template carries them and is judged
 * itself; a node group without one gets EKS's (or pulumi-eks's) generated template, which a policy cannot make
 * meet IMDSv2-with-hop-limit-1 or encrypted volumes; the pulumi-eks cluster component may add its default
 * self-managed node group.
 */
import { UNKNOWN, Unknown, isUnknown, record } from "../../lib/values";
import { AWS_EKS_NODE_GROUP, EKS_CLUSTER_COMPONENT, EKS_MANAGED_NODE_GROUP, flag } from "./common";

/** Whether a node group names its own launch template (UNKNOWN while it is computed). */
export function hasLaunchTemplate(props: Record<string, unknown>): boolean | Unknown {
    const template = props["launchTemplate"];
    if (isUnknown(template)) return UNKNOWN;
    return record(template) !== undefined;
}

/** "EKS node group", "EKS managed node group (pulumi-eks)", or undefined for other types. */
export function nodeGroupKind(type: string): string | undefined {
    if (type === AWS_EKS_NODE_GROUP) return "EKS node group";
    if (type === EKS_MANAGED_NODE_GROUP) return "EKS managed node group (pulumi-eks)";
    return undefined;
}

/** Whether the pulumi-eks cluster component creates its default self-managed node group (UNKNOWN when computed). */
export function createsDefaultNodeGroup(type: string, props: Record<string, unknown>): boolean | Unknown {
    if (type !== EKS_CLUSTER_COMPONENT) return false;
    const skip = flag(props["skipDefaultNodeGroup"]);
    const fargate = props["fargate"];
    if (isUnknown(skip) || isUnknown(fargate)) return UNKNOWN;
    // Fargate replaces the default node group, as skipDefaultNodeGroup does.
    return skip !== true && (fargate === undefined || fargate === false);
}

/** The option of the default node group: on the component itself or in nodeGroupOptions. */
export function defaultNodeGroupOption(props: Record<string, unknown>, key: string): unknown {
    const direct = props[key];
    if (direct !== undefined) return direct;
    const options = props["nodeGroupOptions"];
    return isUnknown(options) ? UNKNOWN : record(options)?.[key];
}
