import { finding, TerraceStackPolicy } from "../../lib/policy";
import { Unknown, isUnknown, record, text } from "../../lib/values";
import { policyDocument, statements } from "./documents";
import { bucketsWithSettings } from "./s3";

const CONTROL = "aws-fsbp:S3.5";
const POLICY_TYPES = ["aws:s3/bucketPolicy:BucketPolicy"];

function values(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** True for a statement that denies every S3 action to everyone when the request is not over TLS. */
export function deniesInsecureTransport(statement: Record<string, unknown>): boolean {
    if (text(statement["Effect"]) !== "Deny") return false;
    const principal = statement["Principal"];
    const everyone = principal === "*" || values(record(principal)?.["AWS"]).includes("*");
    const actions = values(statement["Action"]);
    const allActions = actions.includes("*") || actions.includes("s3:*");
    const bool = record(record(statement["Condition"])?.["Bool"]);
    const secure = bool?.["aws:SecureTransport"];
    return everyone && allActions && (secure === "false" || secure === false);
}

/** FSBP S3.5: a bucket policy denies every request that does not use TLS, so no client can read or write in clear. */
export const awsS3BucketEnforceTls: TerraceStackPolicy = {
    name: "aws-s3-bucket-enforce-tls",
    description: "Every S3 bucket has a bucket policy that denies requests without TLS (aws:SecureTransport false).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["aws", "s3", "encryption"],
    controls: [CONTROL],
    remediationSteps:
        'Add an aws.s3.BucketPolicy with { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN/*], ' +
        'Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    validateStack: (args, report) => {
        for (const { bucket, settings, undecided } of bucketsWithSettings(args.resources, POLICY_TYPES)) {
            const documents: (Record<string, unknown> | undefined | Unknown)[] = settings.map((s) =>
                policyDocument(s.props["policy"]),
            );
            const inline = bucket.props["policy"];
            if (inline !== undefined) documents.push(policyDocument(inline));
            if (documents.some((d) => !isUnknown(d) && d !== undefined && statements(d).some(deniesInsecureTransport)))
                continue;
            if (documents.some(isUnknown) || (documents.length === 0 && undecided)) continue;
            const why =
                documents.length === 0
                    ? "has no bucket policy"
                    : "has a bucket policy that does not deny requests without TLS";
            report(finding([CONTROL], `${bucket.label} ${why}`), bucket.resource.urn);
        }
    },
};
