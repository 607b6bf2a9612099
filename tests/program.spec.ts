import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { packConfigName } from "../tools/plan";
import { planFor, runPlanCommand, STACKS } from "./support/plans";

describe("the whole program", () => {
    for (const stack of STACKS) {
        describe(`${stack} stack`, () => {
            it("plans offline and exports the outputs users need", async () => {
                const plan = await planFor(stack);
                assert.equal(plan.stack, stack);
                assert.equal(plan.project, "terrace");
                for (const key of [
                    "clusterName",
                    "kubeconfig",
                    "oidcProviderArn",
                    "vpcId",
                    "publicSubnetIds",
                    "privateSubnetIds",
                    "databaseEndpoint",
                    "databasePort",
                    "databaseName",
                    "tierNames",
                ]) {
                    assert.ok(key in plan.outputs, `output ${key}`);
                }
                assert.equal(plan.outputs.kubeconfig, "[secret]");
                assert.equal(plan.outputs.clusterName, `terrace-${stack}`);
            });

            it("passes every mandatory policy", async () => {
                const plan = await planFor(stack);
                const mandatory = plan.violations.filter((v) => v.level === "mandatory");
                assert.deepEqual(mandatory, []);
            });

            it("shows no generated secret in clear", async () => {
                const text = JSON.stringify(await planFor(stack));
                const leaked = text.match(/mock-[a-z0-9-]+-password/g);
                assert.equal(leaked, null, `secret values in the plan: ${leaked?.join(", ")}`);
            });

            it("records each resource's parent and dependencies by URN", async () => {
                const plan = await planFor(stack);
                const urns = new Set(plan.resources.map((r) => r.urn));
                for (const r of plan.resources) {
                    if (r.parent) assert.ok(urns.has(r.parent), `${r.urn} parent`);
                    for (const d of r.dependencies) assert.ok(urns.has(d), `${r.urn} -> ${d}`);
                }
            });
        });
    }

    it("sends HSTS on every HTTPS route of the application", async () => {
        const plan = await planFor("prod");
        const routes = plan.resources.filter(
            (r) =>
                r.type === "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute" &&
                (r.inputs.metadata as { namespace: string }).namespace === "erp",
        );
        assert.ok(routes.length >= 2);
        for (const route of routes) {
            for (const rule of (route.inputs.spec as { rules: { filters?: unknown[] }[] }).rules) {
                assert.match(JSON.stringify(rule.filters ?? []), /Strict-Transport-Security.*max-age=\d+/, route.name);
            }
        }
    });

    it("has no violation at all in prod", async () => {
        assert.deepEqual((await planFor("prod")).violations, []);
    });

    describe("plan command", () => {
        it("judges a stack by its own pack config, or by its environment's when it has none", () => {
            const files = new Set(["dev", "staging", "prod"]);
            assert.equal(
                packConfigName("prod", "prod", (n) => files.has(n)),
                "prod",
            );
            assert.equal(
                packConfigName("qa", "staging", (n) => files.has(n)),
                "staging",
            );
            assert.equal(
                packConfigName("qa", undefined, (n) => files.has(n)),
                "qa",
            );
        });

        it("exits 2 with one line naming the key on a bad config value", async () => {
            const run = await runPlanCommand(["--stack", "dev", "-c", "terrace:tiers.data.minSize=-1"]);
            assert.equal(run.code, 2);
            assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
            assert.match(run.stderr, /^error: terrace:tiers\.data\.minSize: got -1; allowed: a number >= 0/);
            assert.equal(run.stdout, "");
        });

        it("exits 1 when a mandatory policy is violated, and says which", async () => {
            const run = await runPlanCommand([
                "--stack",
                "prod",
                "-c",
                "terrace:apps.services.frontend.image=docker.io/library/nginx:1.27.1",
                "--json",
            ]);
            assert.equal(run.code, 1, run.stderr);
            const plan = JSON.parse(run.stdout) as {
                violations: { policy: string; level: string; controls: string[] }[];
            };
            assert.deepEqual(
                plan.violations.map((v) => [v.policy, v.level, v.controls]),
                [["kubernetes-container-enforce-registry-allowlist", "mandatory", ["cis-eks:5.1.4"]]],
            );
        });

        it("exits 2 on an unknown stack, naming the stacks there are", async () => {
            const run = await runPlanCommand(["--stack", "qa"]);
            assert.equal(run.code, 2);
            assert.match(run.stderr, /--stack: got "qa"; allowed: dev, prod, staging/);
        });

        it("applies -c overrides before validation (prod without protection is refused)", async () => {
            const run = await runPlanCommand(["--stack", "prod", "-c", "terrace:database.deletionProtection=false"]);
            assert.equal(run.code, 2);
            assert.match(run.stderr, /terrace:database\.deletionProtection: got false; allowed: true in prod/);
        });

        it("prints only the JSON document on stdout when run through npm, as the README says", async () => {
            const stdout = await new Promise<string>((resolve, reject) =>
                execFile(
                    "npm",
                    ["run", "plan", "--", "--stack", "dev", "--json"],
                    { cwd: path.resolve(__dirname, ".."), maxBuffer: 256 * 1024 * 1024 },
                    (error, out) => (error && error.code !== 1 ? reject(error) : resolve(out)),
                ),
            );
            assert.equal(JSON.parse(stdout).stack, "dev");
        });

        it("prints a readable summary by layer", async () => {
            const run = await runPlanCommand(["--stack", "dev"]);
            assert.equal(run.code, 0, run.stderr);
            assert.match(run.stdout, /^Stack terrace\/dev: \d+ resources/);
            assert.match(run.stdout, /\ninfra \(\d+\)/);
            assert.match(run.stdout, /aws:eks\/nodeGroup:NodeGroup/);
        });
    });
});
