import * as assert from "assert";
import { CONTROL_ID, POLICY_NAME, isStackPolicy } from "../../policy-pack/lib/policy";
import { resourcesFromJson } from "../../policy-pack/lib/manifests";
import { loadPackConfig, runPolicies } from "../../policy-pack/lib/runner";
import { policies } from "../../policy-pack/policies";
import { STACKS, planFor } from "../support/plans";

describe("the policy pack", () => {
    it("gives every policy a unique name of the form <area>-<resource>-<verb>-<subject>", () => {
        const names = policies.map((p) => p.name);
        assert.deepStrictEqual(
            names.filter((n, i) => names.indexOf(n) !== i),
            [],
        );
        assert.deepStrictEqual(
            names.filter((n) => !POLICY_NAME.test(n) || n === "all"),
            [],
        );
    });

    it("gives every policy a description, controls from DESIGN.md and a valid enforcement level", () => {
        for (const p of policies) {
            assert.ok(p.description.length > 0, p.name);
            assert.ok(p.controls.length > 0 && p.controls.every((c) => CONTROL_ID.test(c)), p.name);
            assert.ok(["advisory", "mandatory", "remediate", "disabled"].includes(p.enforcementLevel ?? ""), p.name);
        }
    });

    it("keeps enforcementLevel out of every configSchema (the PolicyPack constructor exits on it)", () => {
        for (const p of policies) {
            assert.strictEqual(p.configSchema?.properties["enforcementLevel"], undefined, p.name);
            assert.ok(!(p.configSchema?.required ?? []).includes("enforcementLevel"), p.name);
        }
    });

    it("has resource and stack policies only", () => {
        for (const p of policies) {
            assert.ok(isStackPolicy(p) || "validateResource" in p, p.name);
        }
    });

    describe("on the program's own stacks", () => {
        for (const stack of STACKS) {
            it(`${stack}: no mandatory policy is violated${stack === "prod" ? ", and nothing at all" : ""}`, async () => {
                const plan = await planFor(stack);
                const resources = resourcesFromJson(JSON.stringify(plan), `plan-${stack}.json`);
                const violations = runPolicies(resources, loadPackConfig(stack)).filter(
                    (v) => stack === "prod" || v.level !== "advisory",
                );
                assert.deepStrictEqual(
                    violations.map((v) => `${v.level} ${v.policy} ${v.urn.split("::").pop()}: ${v.message}`),
                    [],
                );
            });
        }
    });
});
