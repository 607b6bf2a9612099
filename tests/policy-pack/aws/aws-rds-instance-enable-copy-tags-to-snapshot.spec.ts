import * as assert from "assert";
import { awsRdsInstanceEnableCopyTagsToSnapshot as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-copy-tags-to-snapshot";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.17"];

describe("aws-rds-instance-enable-copy-tags-to-snapshot", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports does not copy its tags to snapshots", () => {
        const resources = mutate([database()], "Instance", "db", (p) => delete p.copyTagsToSnapshot);
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod does not copy its tags to snapshots", CONTROLS],
        ]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.copyTagsToSnapshot = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
