import * as assert from "assert";
import { awsIamPolicyDisallowAdminWildcard as policy } from "../../../policy-pack/policies/aws/aws-iam-policy-disallow-admin-wildcard";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, iamPolicies, mutate, run } from "./fixtures";

const ADMIN = JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } });

describe("aws-iam-policy-disallow-admin-wildcard", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack(), { disallowServiceWildcards: true }), []);
    });

    it("reports a managed policy that allows * on *", () => {
        const resources = mutate(iamPolicies(), "Policy", "velero", (p) => (p.policy = ADMIN));
        assertFindings(run(policy, resources), [
            ["IAM policy velero allows every action (*) on every resource (*)", ["aws-fsbp:IAM.1"]],
        ]);
    });

    it("reads an inline policy given as an object, under the pack's id (IAM.1 judges managed policies only)", () => {
        const resources = mutate(iamPolicies(), "RolePolicy", "cilium", (p) => (p.policy = JSON.parse(ADMIN)));
        assertFindings(run(policy, resources), [
            ["IAM role policy cilium allows every action (*) on every resource (*)", ["terrace:iam-inline-admin"]],
        ]);
    });

    it("reads a role's inline policies", () => {
        const resources = mutate(iamPolicies(), "Role", "irsa", (p) => (p.inlinePolicies[0].policy = ADMIN));
        assertFindings(run(policy, resources), [
            [
                "IAM role irsa inline policy read allows every action (*) on every resource (*)",
                ["terrace:iam-inline-admin"],
            ],
        ]);
    });

    it("ignores a Deny of * on *", () => {
        const resources = mutate(iamPolicies(), "Policy", "velero", (p) => (p.policy = ADMIN.replace("Allow", "Deny")));
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("reports service-wide actions only when the pack config asks for it", () => {
        const wildcard = JSON.stringify({
            Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::terrace-backups/*" }],
        });
        const resources = mutate(iamPolicies(), "Policy", "velero", (p) => (p.policy = wildcard));
        assert.deepStrictEqual(run(policy, resources), []);
        assertFindings(run(policy, resources, { disallowServiceWildcards: true }), [
            ["IAM policy velero allows service-wide actions s3:*", ["aws-fsbp:IAM.21"]],
        ]);
    });

    it("reports service-wide actions in an inline policy under the pack's id (IAM.21 judges managed policies only)", () => {
        const wildcard = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] });
        const resources = mutate(iamPolicies(), "RolePolicy", "cilium", (p) => (p.policy = wildcard));
        assertFindings(run(policy, resources, { disallowServiceWildcards: true }), [
            ["IAM role policy cilium allows service-wide actions ec2:*", ["terrace:iam-inline-service-wildcard"]],
        ]);
    });

    it("leaves a document unknown during preview to pulumi up", () => {
        const resources = mutate(iamPolicies(), "Policy", "velero", (p) => (p.policy = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
