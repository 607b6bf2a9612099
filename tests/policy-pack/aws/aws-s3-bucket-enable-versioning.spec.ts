import * as assert from "assert";
import { awsS3BucketEnableVersioning as policy } from "../../../policy-pack/policies/aws/aws-s3-bucket-enable-versioning";
import { assertFindings, awsStack, bucket, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:S3.14"];

describe("aws-s3-bucket-enable-versioning", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a bucket without versioning", () => {
        const resources = bucket().filter((r) => !r.type.includes("bucketVersioning"));
        assertFindings(run(policy, resources), [["S3 bucket terrace-backups has no versioning", CONTROLS]]);
    });

    it("reports suspended versioning", () => {
        const resources = mutate(
            bucket(),
            "BucketVersioning",
            "backups",
            (p) => (p.versioningConfiguration.status = "Suspended"),
        );
        assertFindings(run(policy, resources), [
            ["S3 bucket terrace-backups has versioning Suspended, not Enabled", CONTROLS],
        ]);
    });

    it("accepts the deprecated inline versioning block", () => {
        const resources = mutate(
            bucket().filter((r) => !r.type.includes("bucketVersioning")),
            "Bucket",
            "backups",
            (p) => (p.versioning = { enabled: true }),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
