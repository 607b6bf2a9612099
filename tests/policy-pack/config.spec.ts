import * as assert from "assert";
import * as path from "path";
import type { EnforcementLevel } from "@pulumi/policy";
import type { TerracePolicy } from "../../policy-pack/lib/policy";
import { PackConfig, readPackConfig, resolvePolicyConfig } from "../../policy-pack/lib/runner";
import { policies } from "../../policy-pack/policies";
import { pssPolicies } from "../../policy-pack/policies/pss";

const STACKS = ["dev", "staging", "prod"] as const;
const CONFIG_DIR = path.resolve(__dirname, "../../policy-pack/config");
const RANK: Record<EnforcementLevel, number> = { disabled: 0, advisory: 1, mandatory: 2, remediate: 2 };

/** The program's namespaces and the PSS level each must be held to (DESIGN.md namespace contract). */
const NAMESPACE_CONTRACT: Record<string, readonly string[]> = {
    erp: ["restricted"],
    "kube-system": ["privileged"],
    monitoring: ["privileged"],
    gateway: ["baseline", "restricted"],
    "cert-manager": ["baseline", "restricted"],
    argocd: ["baseline", "restricted"],
    velero: ["baseline", "restricted"],
    kyverno: ["baseline", "restricted"],
};

function configOf(stack: string): PackConfig {
    return readPackConfig(path.join(CONFIG_DIR, `${stack}.json`));
}

function level(policy: TerracePolicy, stack: string): EnforcementLevel {
    return resolvePolicyConfig(policy, configOf(stack)).level;
}

describe("pack config (policy-pack/config/<stack>.json)", () => {
    for (const stack of STACKS) {
        it(`${stack}: names only policies of the pack, with settings their schemas accept`, () => {
            assert.doesNotThrow(() => configOf(stack));
        });
    }

    it("is strictest in prod: no policy is weaker there than in staging, nor in staging than in dev", () => {
        const weaker = policies.filter(
            (p) =>
                RANK[level(p, "prod")] < RANK[level(p, "staging")] || RANK[level(p, "staging")] < RANK[level(p, "dev")],
        );
        assert.deepStrictEqual(
            weaker.map((p) => p.name),
            [],
        );
    });

    it("disables no policy in prod", () => {
        assert.deepStrictEqual(
            policies.filter((p) => level(p, "prod") === "disabled").map((p) => p.name),
            [],
        );
    });

    it("makes every Pod Security Standards policy mandatory in staging and prod", () => {
        for (const stack of ["staging", "prod"]) {
            assert.deepStrictEqual(
                pssPolicies.filter((p) => level(p, stack) !== "mandatory").map((p) => p.name),
                [],
                stack,
            );
        }
    });

    for (const stack of STACKS) {
        it(`${stack}: gives every PSS policy the same namespace levels, honouring the namespace contract`, () => {
            const config = configOf(stack);
            const levels = pssPolicies.map((p) => resolvePolicyConfig(p, config).settings["namespaceLevels"]);
            for (const l of levels) assert.deepStrictEqual(l, levels[0]);
            const namespaceLevels = levels[0] as Record<string, string>;
            for (const [namespace, allowed] of Object.entries(NAMESPACE_CONTRACT)) {
                assert.ok(
                    allowed.includes(namespaceLevels[namespace]),
                    `${namespace} is ${namespaceLevels[namespace]}, expected ${allowed.join(" or ")}`,
                );
            }
        });
    }
});
