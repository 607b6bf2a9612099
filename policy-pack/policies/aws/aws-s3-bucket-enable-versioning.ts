import { finding, TerraceStackPolicy } from "../../lib/policy";
import { isUnknown, record, text } from "../../lib/values";
import { flag } from "./common";
import { bucketsWithSettings } from "./s3";

const CONTROL = "aws-fsbp:S3.14";
const VERSIONING_TYPES = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];

/** FSBP S3.14: versioning keeps overwritten and deleted objects recoverable (backups, state, artefacts). */
export const awsS3BucketEnableVersioning: TerraceStackPolicy = {
    name: "aws-s3-bucket-enable-versioning",
    description: "Every S3 bucket has versioning enabled.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["aws", "s3", "backup"],
    controls: [CONTROL],
    remediationSteps: "Add an aws.s3.BucketVersioning for the bucket with versioningConfiguration.status Enabled.",
    validateStack: (args, report) => {
        for (const { bucket, settings, undecided } of bucketsWithSettings(args.resources, VERSIONING_TYPES)) {
            // The deprecated inline form on the bucket still works in v7.
            const inline = bucket.props["versioning"];
            if (isUnknown(inline)) continue;
            const inlineEnabled = flag(record(inline)?.["enabled"]);
            if (inlineEnabled === true || isUnknown(inlineEnabled)) continue;
            if (settings.length === 0) {
                if (!undecided) report(finding([CONTROL], `${bucket.label} has no versioning`), bucket.resource.urn);
                continue;
            }
            for (const versioning of settings) {
                const configuration = versioning.props["versioningConfiguration"];
                const status = isUnknown(configuration) ? configuration : record(configuration)?.["status"];
                if (isUnknown(status) || text(status) === "Enabled") continue;
                report(
                    finding([CONTROL], `${bucket.label} has versioning ${text(status) ?? "not set"}, not Enabled`),
                    versioning.resource.urn,
                );
            }
        }
    },
};
