import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, list, plainProps, record, text } from "../../lib/values";
import { AWS_LAUNCH_TEMPLATE, flag, named } from "./common";
import { createsDefaultNodeGroup, defaultNodeGroupOption, hasLaunchTemplate, nodeGroupKind } from "./nodes";

const CONTROL = "aws-fsbp:EC2.3";
/** Judges the template itself, and fails only a mapping that says encrypted false (not one that leaves it unset). */
const TEMPLATE_CONTROL = "aws-fsbp:EC2.181";

/**
 * FSBP EC2.3 (and EC2.181 for a template that turns encryption off): node volumes hold container images, emptyDir
 * data and logs. They are encrypted only when the launch template says so (a template without block device
 * mappings takes the AMI's unencrypted snapshot, unless the account happens to encrypt EBS by default, which this
 * pack cannot see).
 */
export const awsEksNodegroupEnableVolumeEncryption: TerraceResourcePolicy = {
    name: "aws-eks-nodegroup-enable-volume-encryption",
    description: "EKS node groups and launch templates encrypt every EBS volume.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["aws", "eks", "ec2", "encryption"],
    controls: [CONTROL, TEMPLATE_CONTROL],
    remediationSteps:
        'Map the root device in the node launch template with ebs { encrypted: "true" } (and a KMS key if required).',
    validateResource: (args, report) => {
        const props = plainProps(args.props);
        if (args.type === AWS_LAUNCH_TEMPLATE) {
            const who = named("launch template", props, args.name);
            const mappings = props["blockDeviceMappings"];
            if (isUnknown(mappings)) return;
            // Instance-store (virtualName) and suppressed (noDevice) mappings carry no EBS volume.
            const ebsMappings = list(mappings)
                .map(record)
                .filter((m): m is Record<string, unknown> => m !== undefined && m["ebs"] !== undefined);
            if (ebsMappings.length === 0) {
                report(
                    finding(
                        [CONTROL],
                        `${who} maps no encrypted EBS volume, so instances use the AMI's unencrypted root snapshot`,
                    ),
                );
                return;
            }
            for (const mapping of ebsMappings) {
                const ebs = mapping["ebs"];
                if (isUnknown(ebs)) continue;
                const encrypted = flag(record(ebs)?.["encrypted"]);
                if (encrypted === true || isUnknown(encrypted)) continue;
                report(
                    finding(
                        encrypted === false ? [CONTROL, TEMPLATE_CONTROL] : [CONTROL],
                        `${who} does not encrypt volume ${text(mapping["deviceName"]) ?? "(unnamed)"} (ebs.encrypted is not true)`,
                    ),
                );
            }
            return;
        }
        const kind = nodeGroupKind(args.type);
        if (kind) {
            const template = hasLaunchTemplate(props);
            if (isUnknown(template) || template) return;
            report(
                finding(
                    [CONTROL],
                    `${kind} ${text(props["nodeGroupName"]) ?? args.name} has no launch template, so its volumes are encrypted only if the account encrypts EBS by default`,
                ),
            );
            return;
        }
        if (createsDefaultNodeGroup(args.type, props) === true) {
            const encrypted = flag(defaultNodeGroupOption(props, "nodeRootVolumeEncrypted"));
            if (encrypted === true || isUnknown(encrypted)) return;
            report(
                finding(
                    [CONTROL],
                    `${named("EKS cluster", props, args.name)}'s default node group does not encrypt its root volume (nodeRootVolumeEncrypted)`,
                ),
            );
        }
    },
};
