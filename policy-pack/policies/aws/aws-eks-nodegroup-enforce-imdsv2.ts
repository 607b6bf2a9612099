import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, plainProps, record, text } from "../../lib/values";
import { AWS_LAUNCH_TEMPLATE, flag, named } from "./common";
import { createsDefaultNodeGroup, hasLaunchTemplate, nodeGroupKind } from "./nodes";

const INSTANCES_IMDSV2 = "aws-fsbp:EC2.8";
const TEMPLATES_IMDSV2 = "aws-fsbp:EC2.170";
const HOP_LIMIT = "terrace:imds-hop-limit";

/**
 * IMDSv2 (a session token, FSBP EC2.8/EC2.170) stops SSRF from reading the node role's credentials; a hop limit of 1
 * stops every pod that is not on the host network from reaching the metadata service at all, so pods use IRSA
 * instead of the node's role (EKS best practices). Only a launch template can say both.
 */
export const awsEksNodegroupEnforceImdsv2: TerraceResourcePolicy = {
    name: "aws-eks-nodegroup-enforce-imdsv2",
    description: "EKS node groups and launch templates require IMDSv2 with a response hop limit of 1.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["aws", "eks", "ec2"],
    controls: [INSTANCES_IMDSV2, TEMPLATES_IMDSV2, HOP_LIMIT],
    remediationSteps:
        "Give each node group a launch template with metadataOptions { httpTokens: required, httpPutResponseHopLimit: 1 }; " +
        "with pulumi-eks, set skipDefaultNodeGroup and pass launchTemplate to ManagedNodeGroup.",
    validateResource: (args, report) => {
        const props = plainProps(args.props);
        if (args.type === AWS_LAUNCH_TEMPLATE) {
            const who = named("launch template", props, args.name);
            const options = props["metadataOptions"];
            if (isUnknown(options)) return;
            const metadata = record(options) ?? {};
            const endpoint = metadata["httpEndpoint"];
            // No metadata service at all: nothing to steal.
            if (isUnknown(endpoint) || text(endpoint) === "disabled") return;
            const tokens = metadata["httpTokens"];
            if (!isUnknown(tokens) && text(tokens) !== "required") {
                report(
                    finding(
                        [TEMPLATES_IMDSV2],
                        `${who} allows IMDSv1 (metadataOptions.httpTokens is ${text(tokens) ?? "not set"}, not required)`,
                    ),
                );
            }
            const hops = metadata["httpPutResponseHopLimit"];
            if (!isUnknown(hops) && hops !== 1) {
                report(
                    finding(
                        [HOP_LIMIT],
                        `${who} lets pods reach the instance metadata service (httpPutResponseHopLimit is ${typeof hops === "number" ? hops : "not set"}, not 1)`,
                    ),
                );
            }
            return;
        }
        const kind = nodeGroupKind(args.type);
        if (kind) {
            const template = hasLaunchTemplate(props);
            if (isUnknown(template) || template) return;
            const who = `${kind} ${text(props["nodeGroupName"]) ?? args.name}`;
            if (flag(props["enableIMDSv2"]) === true) {
                report(
                    finding(
                        [HOP_LIMIT],
                        `${who} relies on enableIMDSv2, whose generated launch template sets hop limit 2; pass a launchTemplate with hop limit 1`,
                    ),
                );
            } else {
                report(
                    finding(
                        [INSTANCES_IMDSV2, HOP_LIMIT],
                        `${who} has no launch template, so nothing requires IMDSv2 with hop limit 1`,
                    ),
                );
            }
            return;
        }
        if (createsDefaultNodeGroup(args.type, props) === true) {
            report(
                finding(
                    [INSTANCES_IMDSV2, HOP_LIMIT],
                    `${named("EKS cluster", props, args.name)} creates pulumi-eks's default node group, which cannot require IMDSv2 with hop limit 1 (set skipDefaultNodeGroup)`,
                ),
            );
        }
    },
};
