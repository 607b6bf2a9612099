import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONTROL_ID, POLICY_NAME, isStackPolicy } from "../../policy-pack/lib/policy";
import { resourcesFromFile, resourcesFromJson } from "../../policy-pack/lib/manifests";
import { Violation, loadPackConfig, runPolicies } from "../../policy-pack/lib/runner";
import { UNKNOWN_STRING } from "../../policy-pack/lib/values";
import { policies } from "../../policy-pack/policies";
import { STACKS, planFor } from "../support/plans";
import { policyTable } from "../../tools/policy";
import { ServedPack, servePack } from "./engine";

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

    it("is documented: docs/policy-pack.md lists every policy with its controls (npm run policy -- table)", () => {
        const cells = (row: string) =>
            row
                .split(/(?<!\\)\|/)
                .slice(1, -1)
                .map((c) => c.trim());
        const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/policy-pack.md"), "utf8").split("\n");
        const header = doc.findIndex((line) => line.startsWith("| Policy "));
        const end = doc.indexOf("", header);
        const documented = doc.slice(header + 2, end).map(cells);
        assert.deepStrictEqual(documented, policyTable(policies).split("\n").map(cells));
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

describe("the policy pack served by @pulumi/policy (index.ts)", function () {
    this.timeout(60000);
    const fixtures = path.resolve(__dirname, "../fixtures/policy");
    const resources = [
        ...resourcesFromFile(path.join(fixtures, "restricted-deployment.yaml")),
        ...resourcesFromFile(path.join(fixtures, "privileged-daemonset.yaml")),
        ...resourcesFromFile(path.join(fixtures, "resources.json")),
        {
            type: "kubernetes:core/v1:Pod",
            name: "preview",
            props: {
                metadata: { name: "preview", namespace: "erp" },
                spec: { hostIPC: true, containers: [{ name: "a", securityContext: { runAsNonRoot: UNKNOWN_STRING } }] },
            },
        },
    ].map(({ source: _source, ...r }) => r);
    const config = loadPackConfig("prod");
    const byPolicy = (vs: Violation[]) =>
        vs.map((v) => `${v.policy} ${v.level} ${v.urn} ${v.controls} ${v.message}`).sort();
    let pack: ServedPack | undefined;

    before(async () => {
        pack = await servePack(config, policies);
    });
    after(() => pack?.stop());

    it("reports exactly what the offline runner reports for each resource", async () => {
        const resourcePolicies = policies.filter((p) => !isStackPolicy(p));
        const served = await pack!.analyze(resources);
        assert.deepStrictEqual(byPolicy(served), byPolicy(runPolicies(resources, config, resourcePolicies)));
        assert.ok(
            served.some((v) => v.message === "container shell sets securityContext.privileged=true") &&
                served.some((v) => v.urn.endsWith("::preview") && v.message === "pod sets hostIPC=true"),
            "the comparison covers real findings",
        );
    });

    it("reports exactly what the offline runner reports for the stack", async () => {
        const stackPolicies = policies.filter((p) => isStackPolicy(p));
        const offline = runPolicies(resources, config, stackPolicies).map((v) =>
            v.urn.includes("::pulumi:pulumi:Stack::") ? { ...v, urn: "" } : v,
        );
        assert.deepStrictEqual(byPolicy(await pack!.analyzeStack(resources)), byPolicy(offline));
    });
});
