import * as assert from "assert";
import { awsRdsInstanceDisallowPublicAccess as policy } from "../../../policy-pack/policies/aws/aws-rds-instance-disallow-public-access";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, database, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:RDS.2"];

describe("aws-rds-instance-disallow-public-access", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports is publicly accessible", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.publiclyAccessible = true));
        assertFindings(run(policy, resources), [["RDS instance terrace-prod is publicly accessible", CONTROLS]]);
    });

    it("accepts an instance that leaves publiclyAccessible at its default (false)", () => {
        assert.deepStrictEqual(
            run(
                policy,
                mutate([database()], "Instance", "db", (p) => delete p.publiclyAccessible),
            ),
            [],
        );
    });

    it("leaves a value unknown during preview to pulumi up", () => {
        const resources = mutate([database()], "Instance", "db", (p) => (p.publiclyAccessible = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
