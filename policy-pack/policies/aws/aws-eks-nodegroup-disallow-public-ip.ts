import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, list, plainProps, record } from "../../lib/values";
import { AWS_LAUNCH_TEMPLATE, flag, named } from "./common";
import { createsDefaultNodeGroup, defaultNodeGroupOption } from "./nodes";

const TEMPLATES = "aws-fsbp:EC2.25";
const PRIVATE_NODES = "cis-eks:5.4.3";

/** FSBP EC2.25, CIS EKS 5.4.3: nodes live in private subnets and get no public address; traffic comes in through the load balancer. */
export const awsEksNodegroupDisallowPublicIp: TerraceResourcePolicy = {
    name: "aws-eks-nodegroup-disallow-public-ip",
    description:
        "EKS nodes get no public IP address (launch template network interfaces, pulumi-eks default node group).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["aws", "eks", "ec2", "network"],
    controls: [TEMPLATES, PRIVATE_NODES],
    remediationSteps: 'Remove associatePublicIpAddress (or set it to "false") and place nodes in private subnets.',
    validateResource: (args, report) => {
        const props = plainProps(args.props);
        if (args.type === AWS_LAUNCH_TEMPLATE) {
            const interfaces = props["networkInterfaces"];
            if (isUnknown(interfaces)) return;
            const exposed = list(interfaces).some(
                (entry) => flag(record(entry)?.["associatePublicIpAddress"]) === true,
            );
            if (exposed) {
                report(
                    finding(
                        [TEMPLATES, PRIVATE_NODES],
                        `${named("launch template", props, args.name)} gives instances a public IP address`,
                    ),
                );
            }
            return;
        }
        if (
            createsDefaultNodeGroup(args.type, props) === true &&
            flag(defaultNodeGroupOption(props, "nodeAssociatePublicIpAddress")) === true
        ) {
            report(
                finding(
                    [PRIVATE_NODES],
                    `${named("EKS cluster", props, args.name)}'s default node group gives nodes public IP addresses`,
                ),
            );
        }
    },
};
