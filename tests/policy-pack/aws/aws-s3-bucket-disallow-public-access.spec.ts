import * as assert from "assert";
import { awsS3BucketDisallowPublicAccess as policy } from "../../../policy-pack/policies/aws/aws-s3-bucket-disallow-public-access";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, bucket, mutate, resource, run, urn } from "./fixtures";

const CONTROLS = ["aws-fsbp:S3.8"];
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

describe("aws-s3-bucket-disallow-public-access", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a bucket without a public access block", () => {
        const resources = bucket().filter((r) => r.type !== BLOCK);
        assertFindings(run(policy, resources), [["S3 bucket terrace-backups has no public access block", CONTROLS]]);
    });

    it("reports a block that leaves a setting off", () => {
        const resources = mutate(
            bucket(),
            "BucketPublicAccessBlock",
            "backups",
            (p) => (p.restrictPublicBuckets = false),
        );
        assertFindings(run(policy, resources), [
            ["S3 bucket terrace-backups's public access block leaves restrictPublicBuckets off", CONTROLS],
        ]);
    });

    it("ties a block to its bucket through the resource its bucket input came from", () => {
        const resources = mutate(bucket(), "BucketPublicAccessBlock", "backups", (p) => (p.bucket = UNKNOWN_STRING));
        resources[1] = { ...resources[1], dependencies: [urn("aws:s3/bucket:Bucket", "backups")] };
        resources.push(resource("aws:s3/bucket:Bucket", "logs", {}));
        assertFindings(run(policy, resources), [["S3 bucket logs has no public access block", CONTROLS]]);
    });

    it("ties a block to an auto-named bucket by the bucket's id (the plan's mock ids)", () => {
        const resources = [
            resource("aws:s3/bucket:Bucket", "logs", { id: "logs-mock" }),
            resource(BLOCK, "logs", {
                bucket: "logs-mock",
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            }),
        ];
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("cannot judge a bucket while an untraceable block may be its own", () => {
        const resources = mutate(bucket(), "BucketPublicAccessBlock", "backups", (p) => (p.bucket = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
