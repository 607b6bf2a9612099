import * as assert from "assert";
import { awsS3BucketEnableEncryption as policy } from "../../../policy-pack/policies/aws/aws-s3-bucket-enable-encryption";
import { assertFindings, awsStack, bucket, mutate, run } from "./fixtures";

describe("aws-s3-bucket-enable-encryption", () => {
    it("passes the compliant stack, with KMS required", () => {
        assert.deepStrictEqual(run(policy, awsStack(), { requireKms: true }), []);
    });

    it("reports a bucket without a default encryption configuration", () => {
        const resources = bucket().filter((r) => !r.type.includes("ServerSideEncryption"));
        assertFindings(run(policy, resources), [
            ["S3 bucket terrace-backups has no default encryption configuration", ["terrace:s3-default-encryption"]],
        ]);
    });

    it("reports SSE-S3 where the pack config requires KMS", () => {
        const resources = mutate(bucket(), "BucketServerSideEncryptionConfiguration", "backups", (p) => {
            p.rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: "AES256" };
        });
        assert.deepStrictEqual(run(policy, resources), []);
        assertFindings(run(policy, resources, { requireKms: true }), [
            ["S3 bucket terrace-backups is encrypted with AES256, not a KMS key", ["aws-fsbp:S3.17"]],
        ]);
    });

    it("reports a configuration without a default algorithm", () => {
        const resources = mutate(
            bucket(),
            "BucketServerSideEncryptionConfiguration",
            "backups",
            (p) => (p.rules = [{ bucketKeyEnabled: true }]),
        );
        assertFindings(run(policy, resources), [
            [
                "S3 bucket terrace-backups's encryption configuration sets no default algorithm",
                ["terrace:s3-default-encryption"],
            ],
        ]);
    });

    it("accepts the deprecated inline configuration", () => {
        const resources = mutate(
            bucket().filter((r) => !r.type.includes("ServerSideEncryption")),
            "Bucket",
            "backups",
            (p) =>
                (p.serverSideEncryptionConfiguration = {
                    rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } },
                }),
        );
        assert.deepStrictEqual(run(policy, resources, { requireKms: true }), []);
    });
});
