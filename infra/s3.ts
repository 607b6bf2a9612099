/** S3 settings shared by every bucket the stack owns (Velero's backups, the database dumps). */
import type * as aws from "@pulumi/aws";

/** Refuses every request to the bucket that does not use TLS (aws-fsbp S3.5). Pure. */
export function tlsOnlyBucketPolicy(bucketArn: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
