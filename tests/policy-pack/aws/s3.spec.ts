import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { bucketsWithSettings } from "../../../policy-pack/policies/aws/s3";

const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";

/** An engine-shaped resource (what @pulumi/policy hands a stack policy). */
function engineResource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    bucketFrom: PolicyResource[] = [],
): PolicyResource {
    return {
        type,
        name,
        urn: `urn:pulumi:test::terrace::${type}::${name}`,
        props,
        opts: {} as PolicyResource["opts"],
        dependencies: [],
        propertyDependencies: { bucket: bucketFrom },
        isType: () => false,
        asType: () => undefined,
    };
}

describe("S3 settings correlation", () => {
    it("ties a settings resource to its bucket by the engine's propertyDependencies when the name is unknown", () => {
        const logs = engineResource("aws:s3/bucket:Bucket", "logs", {});
        const data = engineResource("aws:s3/bucket:Bucket", "data", {});
        const versioning = engineResource(VERSIONING, "logs", { bucket: UNKNOWN_STRING }, [logs]);
        const result = bucketsWithSettings([logs, data, versioning], [VERSIONING]);
        assert.deepStrictEqual(
            result.map((r) => [r.bucket.resource.name, r.settings.length, r.undecided]),
            [
                ["logs", 1, false],
                ["data", 0, false],
            ],
        );
    });

    it("ties by physical name, and ignores settings of a bucket made elsewhere", () => {
        const logs = engineResource("aws:s3/bucket:Bucket", "logs", { bucket: "terrace-logs" });
        const versioning = engineResource(VERSIONING, "v", { bucket: "terrace-logs" });
        const foreign = engineResource(VERSIONING, "other", { bucket: "someone-elses" });
        const result = bucketsWithSettings([logs, versioning, foreign], [VERSIONING]);
        assert.deepStrictEqual(
            result.map((r) => [r.bucket.label, r.settings.map((s) => s.resource.name), r.undecided]),
            [["S3 bucket terrace-logs", ["v"], false]],
        );
    });

    it("marks buckets undecided while an unknown bucket input cannot be traced", () => {
        const logs = engineResource("aws:s3/bucket:Bucket", "logs", {});
        const versioning = engineResource(VERSIONING, "v", { bucket: UNKNOWN_STRING });
        assert.deepStrictEqual(
            bucketsWithSettings([logs, versioning], [VERSIONING]).map((r) => r.undecided),
            [true],
        );
    });
});
