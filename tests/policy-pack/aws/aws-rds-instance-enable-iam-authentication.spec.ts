import * as assert from "assert";
import { awsRdsInstanceEnableIamAuthentication as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-enable-iam-authentication";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.10"];

describe("aws-rds-instance-enable-iam-authentication", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports does not enable IAM database authentication", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.iamDatabaseAuthenticationEnabled = false));
        assertFindings(run(policy, resources), [
            ["RDS instance terrace-prod does not enable IAM database authentication", CONTROLS],
        ]);
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate(
            [database()],
            "Instance",
            "db",
            (p) => (p.iamDatabaseAuthenticationEnabled = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
