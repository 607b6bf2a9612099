import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, plainProps, text } from "../../lib/values";
import { flag } from "./common";

const CONTROL = "aws-fsbp:KMS.4";

/**
 * FSBP KMS.4: yearly rotation limits how much data one key version protects. Only symmetric encryption keys can
 * rotate automatically; asymmetric and HMAC keys are out of scope.
 */
export const awsKmsKeyEnableRotation: TerraceResourcePolicy = {
    name: "aws-kms-key-enable-rotation",
    description: "Symmetric KMS keys rotate automatically.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["aws", "kms", "encryption"],
    controls: [CONTROL],
    remediationSteps: "Set enableKeyRotation: true.",
    validateResource: (args, report) => {
        if (args.type !== "aws:kms/key:Key") return;
        const props = plainProps(args.props);
        const spec = props["customerMasterKeySpec"] ?? props["keySpec"];
        const usage = props["keyUsage"];
        if (isUnknown(spec) || isUnknown(usage)) return;
        if (
            (text(spec) ?? "SYMMETRIC_DEFAULT") !== "SYMMETRIC_DEFAULT" ||
            (text(usage) ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT"
        )
            return;
        const rotation = flag(props["enableKeyRotation"]);
        if (rotation === true || isUnknown(rotation)) return;
        report(
            finding(
                [CONTROL],
                `KMS key ${text(props["description"]) ? `${args.name} (${text(props["description"])})` : args.name} does not rotate (enableKeyRotation is not true)`,
            ),
        );
    },
};
