import { strict as assert } from "node:assert";
import { ConfigError, parseConfig } from "../../config";
import {
    ADDONS,
    APP_ADDON_DEPENDENTS,
    enabledAddons,
    missingAddonNeeds,
    OPTIONAL_ADDONS,
    refusedDependents,
} from "../../config/platform/addons";
import { rawConfigOf, withValue } from "../support/config";
import { STACKS } from "../support/plans";

describe("the add-on catalogue", () => {
    it("defines every optional add-on, and each needs only optional add-ons, without a cycle", () => {
        assert.deepEqual(Object.keys(ADDONS).sort(), [...OPTIONAL_ADDONS].sort());
        const visit = (addon: (typeof OPTIONAL_ADDONS)[number], path: string[]): void => {
            assert.ok(!path.includes(addon), `cycle ${[...path, addon].join(" -> ")}`);
            for (const need of ADDONS[addon].needs) visit(need, [...path, addon]);
        };
        for (const addon of OPTIONAL_ADDONS) visit(addon, []);
    });

    it("runs every optional add-on by default in every profile", () => {
        for (const profile of ["dev", "staging", "prod"] as const)
            assert.deepEqual([...enabledAddons({}, profile)], [...OPTIONAL_ADDONS]);
    });

    it("turns one add-on off with its enabled key", () => {
        const on = enabledAddons({ velero: { enabled: false } }, "prod");
        assert.ok(!on.has("velero"));
        assert.equal(on.size, OPTIONAL_ADDONS.length - 1);
    });

    it("switches the gateway off with the load balancer controller when the gateway is left to its default", () => {
        const on = enabledAddons({ loadBalancerController: { enabled: false } }, "dev");
        assert.ok(!on.has("gateway"));
        assert.deepEqual(missingAddonNeeds(on), []);
    });

    it("refuses an explicitly enabled gateway without the load balancer controller, on the controller's key", () => {
        const on = enabledAddons({ loadBalancerController: { enabled: false }, gateway: { enabled: true } }, "dev");
        assert.ok(on.has("gateway"));
        const [problem, ...rest] = missingAddonNeeds(on);
        assert.deepEqual(rest, []);
        assert.equal(problem.key, "terrace:platform.loadBalancerController.enabled");
        assert.match(problem.allowed, /true while the ingress gateway is enabled/);
    });

    it("lists what each add-on's absence does to the applications (switched off, or refused with the key that asks)", () => {
        for (const d of APP_ADDON_DEPENDENTS) {
            assert.ok(OPTIONAL_ADDONS.includes(d.needs), d.what);
            assert.equal(d.inUse !== undefined, d.whenDisabled === "refused", `${d.what}: a refusal names its key`);
        }
    });

    it("refuses GitOps for the application namespace without Argo CD, naming terrace:apps.gitops", () => {
        const gitops = { gitops: { repoURL: "https://example.com/x.git" } } as never;
        const problems = refusedDependents(
            APP_ADDON_DEPENDENTS,
            { apps: gitops },
            enabledAddons({ argocd: { enabled: false } }, "dev"),
        );
        assert.equal(problems.length, 1);
        assert.equal(problems[0].key, "terrace:platform.argocd.enabled");
        assert.match(problems[0].allowed, /terrace:apps\.gitops/);
        assert.deepEqual(refusedDependents(APP_ADDON_DEPENDENTS, { apps: gitops }, enabledAddons({}, "dev")), []);
    });

    describe("in a stack file", () => {
        const stack = STACKS[0];

        it("accepts enabled: false for every optional add-on", () => {
            for (const addon of OPTIONAL_ADDONS) {
                const config = parseConfig(withValue(rawConfigOf(stack), `platform.${addon}.enabled`, false));
                assert.ok(!enabledAddons(config.platform, config.environment).has(addon), addon);
            }
        });

        it("refuses an enabled value that is not true or false, naming the key", () => {
            assert.throws(
                () => parseConfig(withValue(rawConfigOf(stack), "platform.velero.enabled", "no")),
                (e: unknown) => e instanceof ConfigError && e.key === "terrace:platform.velero.enabled",
            );
        });
    });
});
