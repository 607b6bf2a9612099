import { finding, TerraceStackPolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/values";
import { flag } from "./common";
import { bucketsWithSettings } from "./s3";

const CONTROL = "aws-fsbp:S3.8";
const BLOCK_TYPES = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
const BLOCK_FIELDS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/**
 * FSBP S3.8: the bucket-level public access block, all four settings on, makes any public ACL or policy
 * ineffective: the last line of defence when a policy statement is written too broadly.
 */
export const awsS3BucketDisallowPublicAccess: TerraceStackPolicy = {
    name: "aws-s3-bucket-disallow-public-access",
    description: "Every S3 bucket has a public access block with all four settings on.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["aws", "s3"],
    controls: [CONTROL],
    remediationSteps:
        "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true.",
    validateStack: (args, report) => {
        for (const { bucket, settings, undecided } of bucketsWithSettings(args.resources, BLOCK_TYPES)) {
            if (settings.length === 0) {
                if (!undecided)
                    report(finding([CONTROL], `${bucket.label} has no public access block`), bucket.resource.urn);
                continue;
            }
            // Several blocks for one bucket: the engine applies them in turn; judge the most permissive.
            for (const block of settings) {
                const values = BLOCK_FIELDS.map((f) => flag(block.props[f]));
                if (values.some(isUnknown)) continue;
                const off = BLOCK_FIELDS.filter((_, i) => values[i] !== true);
                if (off.length > 0) {
                    report(
                        finding([CONTROL], `${bucket.label}'s public access block leaves ${off.join(", ")} off`),
                        block.resource.urn,
                    );
                }
            }
        }
    },
};
