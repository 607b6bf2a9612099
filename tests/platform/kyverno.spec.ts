import { strict as assert } from "node:assert";
import { ConfigError, parseConfig } from "../../config";
import { checkPlatformConsistency } from "../../config/platform";
import { placement } from "../../infra/tiers";
import {
    BASELINE_EXEMPT_NAMESPACES,
    BASELINE_POLICIES,
    BASELINE_POLICY_EXEMPTIONS,
    KYVERNO_PIN,
    KYVERNO_POLICIES_PIN,
    kyvernoPoliciesValues,
    kyvernoSettings,
    kyvernoValues,
    RESTRICTED_ONLY_POLICIES,
} from "../../platform/kyverno";
import { chartMetadata, unknownValueKeys } from "../support/chart-values";
import { rawConfigOf, withValue } from "../support/config";
import { PlanDocument, planFor, STACKS } from "../support/plans";
import { nodeGroupOf, otherReleasesReached, releaseOf } from "../support/releases";

type Values = Record<string, any>;

const CONTROLLERS = ["admissionController", "backgroundController", "cleanupController", "reportsController"];

describe("Kyverno", () => {
    it("pins both charts to the vendored versions", () => {
        for (const pin of [KYVERNO_PIN, KYVERNO_POLICIES_PIN]) {
            assert.equal(pin.chart, chartMetadata(pin.chart).name);
            assert.equal(pin.version, chartMetadata(pin.chart).version);
            assert.equal(pin.repository, "https://kyverno.github.io/kyverno/");
        }
    });

    describe("kyverno values", () => {
        const ha = kyvernoValues({ ha: true }) as Values;
        const lean = kyvernoValues({ ha: false }) as Values;

        it("use only keys the chart declares", () => {
            assert.deepEqual(unknownValueKeys("kyverno", ha), []);
            assert.deepEqual(unknownValueKeys("kyverno", lean), []);
        });

        it("place every controller and hook job on the system tier", () => {
            assert.deepEqual(ha.global.nodeSelector, placement("system").nodeSelector);
            assert.deepEqual(ha.global.tolerations, placement("system").tolerations);
        });

        it("run three admission controllers and two of every other controller, each with a PDB, in HA mode", () => {
            assert.equal(ha.admissionController.replicas, 3);
            for (const c of CONTROLLERS.slice(1)) assert.equal(ha[c].replicas, 2, c);
            for (const c of CONTROLLERS)
                assert.deepEqual(ha[c].podDisruptionBudget, { enabled: true, minAvailable: 1 }, c);
        });

        it("spread each HA controller across zones by its own component label", () => {
            const [spread] = ha.admissionController.topologySpreadConstraints;
            assert.equal(spread.topologyKey, "topology.kubernetes.io/zone");
            assert.deepEqual(spread.labelSelector.matchLabels, {
                "app.kubernetes.io/component": "admission-controller",
                "app.kubernetes.io/instance": "kyverno",
            });
        });

        it("run one replica of each controller without PDBs in lean mode", () => {
            for (const c of CONTROLLERS) {
                assert.equal(lean[c].replicas, 1, c);
                assert.equal(lean[c].podDisruptionBudget.enabled, false, c);
                assert.deepEqual(lean[c].topologySpreadConstraints, [], c);
            }
        });
    });

    describe("Pod Security Standards policies", () => {
        const values = kyvernoPoliciesValues({
            validationFailureAction: "Enforce",
            applicationNamespaces: ["erp", "erp-jobs"],
        }) as Values;
        const byPolicy = values.vpolExcludeByPolicy as Record<string, Values>;

        it("use only keys the kyverno-policies chart declares", () => {
            assert.deepEqual(unknownValueKeys("kyverno-policies", values), []);
        });

        it("install the restricted profile as CEL ValidatingPolicies", () => {
            assert.equal(values.podSecurityStandard, "restricted");
            assert.equal(values.policyType, "ValidatingPolicy");
        });

        it("scope every restricted-only policy to the application namespaces", () => {
            for (const policy of RESTRICTED_ONLY_POLICIES) {
                assert.deepEqual(
                    byPolicy[policy],
                    {
                        matchConditions: [
                            {
                                name: "application-namespaces-only",
                                expression: "request.namespace in ['erp', 'erp-jobs']",
                            },
                        ],
                    },
                    policy,
                );
            }
        });

        it("exempt kube-system from every baseline policy", () => {
            assert.deepEqual(values.vpolExclude, { excludeNamespaces: Object.keys(BASELINE_EXEMPT_NAMESPACES) });
            assert.deepEqual(Object.keys(BASELINE_EXEMPT_NAMESPACES), ["kube-system"]);
            for (const policy of BASELINE_POLICIES) {
                const excluded = (byPolicy[policy] ?? values.vpolExclude).excludeNamespaces as string[];
                assert.ok(excluded.includes("kube-system"), policy);
            }
        });

        it("exempt the monitoring namespace only from the host policies node-exporter needs", () => {
            const exemptFromMonitoring = BASELINE_POLICIES.filter((p) =>
                (byPolicy[p]?.excludeNamespaces ?? []).includes("monitoring"),
            );
            assert.deepEqual(exemptFromMonitoring, [
                "disallow-host-namespaces",
                "disallow-host-path",
                "disallow-host-ports",
            ]);
            for (const policy of Object.keys(BASELINE_POLICY_EXEMPTIONS))
                assert.ok((BASELINE_POLICIES as readonly string[]).includes(policy), policy);
        });

        it("never exempts an application namespace", () => {
            for (const entry of [values.vpolExclude, ...Object.values(byPolicy)]) {
                for (const ns of ["erp", "erp-jobs"]) assert.ok(!(entry.excludeNamespaces ?? []).includes(ns), ns);
            }
        });

        it("keeps the baseline and restricted-only policy lists apart", () => {
            const baseline = new Set<string>(BASELINE_POLICIES);
            assert.deepEqual(
                RESTRICTED_ONLY_POLICIES.filter((p) => baseline.has(p)),
                [],
            );
        });

        it("fails closed when enforcing and open when only auditing", () => {
            assert.equal(values.failurePolicy, "Fail");
            const audit = kyvernoPoliciesValues({
                validationFailureAction: "Audit",
                applicationNamespaces: ["erp"],
            }) as Values;
            assert.equal(audit.validationFailureAction, "Audit");
            assert.equal(audit.failurePolicy, "Ignore");
        });

        it("refuses to render without an application namespace", () => {
            assert.throws(() =>
                kyvernoPoliciesValues({ validationFailureAction: "Enforce", applicationNamespaces: [] }),
            );
        });
    });

    describe("settings", () => {
        const of = (stack: string) =>
            ((c) => kyvernoSettings(c.platform.kyverno, c.environment))(parseConfig(rawConfigOf(stack)));

        it("audit in dev and enforce in staging and prod", () => {
            assert.deepEqual(
                ["dev", "staging", "prod"].map((s) => of(s).validationFailureAction),
                ["Audit", "Enforce", "Enforce"],
            );
        });

        it("run HA in prod only", () => {
            assert.deepEqual(
                ["dev", "staging", "prod"].map((s) => of(s).ha),
                [false, false, true],
            );
        });

        it("let dev opt into enforcing", () => {
            const config = parseConfig(
                withValue(rawConfigOf("dev"), "platform.kyverno.validationFailureAction", "Enforce"),
            );
            assert.equal(
                kyvernoSettings(config.platform.kyverno, config.environment).validationFailureAction,
                "Enforce",
            );
        });

        it("refuse Audit in prod, naming the key", () => {
            // Parsing accepts the value; the platform's consistency rules (run after parsing) refuse it in prod.
            const config = parseConfig(
                withValue(rawConfigOf("staging"), "platform.kyverno.validationFailureAction", "Audit"),
            );
            assert.doesNotThrow(() => checkPlatformConsistency(config.platform, "staging"));
            assert.throws(
                () => checkPlatformConsistency(config.platform, "prod"),
                (e: unknown) =>
                    e instanceof ConfigError &&
                    e.problems.some((p) => p.key === "terrace:platform.kyverno.validationFailureAction"),
            );
        });
    });
});

describe("Kyverno in each stack's plan", () => {
    const action = { dev: "Audit", staging: "Enforce", prod: "Enforce" } as const;
    for (const stack of STACKS) {
        describe(stack, () => {
            let plan: PlanDocument;
            before(async () => {
                plan = await planFor(stack);
            });

            it("installs both pinned charts in the kyverno namespace", () => {
                for (const pin of [KYVERNO_PIN, KYVERNO_POLICIES_PIN]) {
                    const { inputs } = releaseOf(plan, pin.chart);
                    assert.deepEqual([inputs.namespace, inputs.version], ["kyverno", pin.version], pin.chart);
                }
            });

            it("installs Kyverno once the system node group exists, without waiting for other add-ons", () => {
                const release = releaseOf(plan, "kyverno");
                assert.ok(release.dependencies.includes(nodeGroupOf(plan, "system").urn));
                assert.deepEqual(otherReleasesReached(plan, release), []);
            });

            it("installs the policies after Kyverno, which brings their CRDs, and after nothing else", () => {
                const policies = releaseOf(plan, "kyverno-policies");
                assert.ok(policies.dependencies.includes(releaseOf(plan, "kyverno").urn));
                assert.deepEqual(otherReleasesReached(plan, policies, ["kyverno"]), []);
            });

            it(`${action[stack] === "Enforce" ? "enforces" : "audits"} the Pod Security Standards`, () => {
                const values = releaseOf(plan, "kyverno-policies").inputs.values as Values;
                assert.equal(values.validationFailureAction, action[stack]);
            });

            it(`runs ${stack === "prod" ? "three" : "one"} admission controller${stack === "prod" ? "s" : ""}`, () => {
                const values = releaseOf(plan, "kyverno").inputs.values as Values;
                assert.equal(values.admissionController.replicas, stack === "prod" ? 3 : 1);
            });
        });
    }
});
