import { finding, TerraceStackPolicy } from "../../lib/policy";
import { UNKNOWN, Unknown, isUnknown, record, text } from "../../lib/values";
import { bucketsWithSettings } from "./s3";

const DEFAULT_ENCRYPTION = "terrace:s3-default-encryption";
const KMS = "aws-fsbp:S3.17";
const ENCRYPTION_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
const ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];
const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

export interface EncryptionSettings {
    readonly requireKms: boolean;
}

/** The default algorithms a configuration (resource props or the inline block) sets; UNKNOWN when computed. */
export function algorithms(configuration: unknown): string[] | Unknown {
    if (isUnknown(configuration)) return UNKNOWN;
    const rules = record(configuration)?.["rules"] ?? record(configuration)?.["rule"];
    if (isUnknown(rules)) return UNKNOWN;
    const out: string[] = [];
    for (const rule of Array.isArray(rules) ? rules : [rules]) {
        const defaults = record(rule)?.["applyServerSideEncryptionByDefault"];
        const algorithm = isUnknown(defaults) ? UNKNOWN : record(defaults)?.["sseAlgorithm"];
        if (isUnknown(algorithm)) return UNKNOWN;
        const name = text(algorithm);
        if (name !== undefined) out.push(name);
    }
    return out;
}

/**
 * Default encryption stated in code rather than left to S3's implicit SSE-S3, and, where the pack config asks for
 * it (FSBP S3.17), with a KMS key, whose use is logged and whose policy decides who can decrypt.
 */
export const awsS3BucketEnableEncryption: TerraceStackPolicy = {
    name: "aws-s3-bucket-enable-encryption",
    description:
        "Every S3 bucket declares default server-side encryption (with KMS where the pack config requires it).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["aws", "s3", "encryption"],
    controls: [DEFAULT_ENCRYPTION, KMS],
    remediationSteps:
        "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket; with requireKms, use sseAlgorithm aws:kms and a customer-managed key.",
    configSchema: {
        properties: {
            requireKms: {
                type: "boolean",
                description: "Require SSE-KMS (aws:kms or aws:kms:dsse) rather than SSE-S3.",
                default: false,
            },
        },
    },
    validateStack: (args, report) => {
        const { requireKms } = args.getConfig<EncryptionSettings>();
        for (const { bucket, settings, undecided } of bucketsWithSettings(args.resources, ENCRYPTION_TYPES)) {
            const inline = bucket.props["serverSideEncryptionConfiguration"];
            const configurations: { urn: string; algorithms: string[] | Unknown }[] = [];
            if (inline !== undefined) configurations.push({ urn: bucket.resource.urn, algorithms: algorithms(inline) });
            for (const s of settings) configurations.push({ urn: s.resource.urn, algorithms: algorithms(s.props) });
            if (configurations.length === 0) {
                if (!undecided)
                    report(
                        finding([DEFAULT_ENCRYPTION], `${bucket.label} has no default encryption configuration`),
                        bucket.resource.urn,
                    );
                continue;
            }
            for (const configuration of configurations) {
                const found = configuration.algorithms;
                if (isUnknown(found)) continue;
                if (!found.some((a) => ALGORITHMS.includes(a))) {
                    report(
                        finding(
                            [DEFAULT_ENCRYPTION],
                            `${bucket.label}'s encryption configuration sets no default algorithm`,
                        ),
                        configuration.urn,
                    );
                } else if (requireKms && !found.some((a) => KMS_ALGORITHMS.includes(a))) {
                    report(
                        finding([KMS], `${bucket.label} is encrypted with ${found.join(", ")}, not a KMS key`),
                        configuration.urn,
                    );
                }
            }
        }
    },
};
