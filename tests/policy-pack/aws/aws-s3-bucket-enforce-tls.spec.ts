import * as assert from "assert";
import { awsS3BucketEnforceTls as policy } from "../../../policy-pack/policies/aws/aws-s3-bucket-enforce-tls";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, bucket, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:S3.5"];

describe("aws-s3-bucket-enforce-tls", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a bucket without a bucket policy", () => {
        const resources = bucket().filter((r) => !r.type.endsWith(":BucketPolicy"));
        assertFindings(run(policy, resources), [["S3 bucket terrace-backups has no bucket policy", CONTROLS]]);
    });

    it("reports a policy that allows plain HTTP", () => {
        const resources = mutate(bucket(), "BucketPolicy", "backups", (p) => {
            const document = JSON.parse(p.policy);
            document.Statement[0].Condition.Bool["aws:SecureTransport"] = "true";
            p.policy = JSON.stringify(document);
        });
        assertFindings(run(policy, resources), [
            ["S3 bucket terrace-backups has a bucket policy that does not deny requests without TLS", CONTROLS],
        ]);
    });

    it("reports a deny that covers only some actions", () => {
        const resources = mutate(bucket(), "BucketPolicy", "backups", (p) => {
            const document = JSON.parse(p.policy);
            document.Statement[0].Action = "s3:GetObject";
            p.policy = document;
        });
        assertFindings(run(policy, resources), [
            ["S3 bucket terrace-backups has a bucket policy that does not deny requests without TLS", CONTROLS],
        ]);
    });

    it("leaves a policy document unknown during preview to pulumi up", () => {
        const resources = mutate(bucket(), "BucketPolicy", "backups", (p) => (p.policy = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
