import * as assert from "assert";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { TerracePolicy, TerraceResourcePolicy, TerraceStackPolicy, finding } from "../../../policy-pack/lib/policy";
import {
    PackConfigError,
    hasMandatory,
    loadPackConfig,
    resolvePolicyConfig,
    runPolicies,
    validatePackConfig,
} from "../../../policy-pack/lib/runner";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";

/** Reports every resource whose props.flag is true; takes a `limit` setting. */
const flagPolicy: TerraceResourcePolicy = {
    name: "test-thing-disallow-flag",
    description: "flags",
    enforcementLevel: "advisory",
    controls: ["terrace:flag"],
    configSchema: { properties: { limit: { type: "integer", minimum: 1, default: 3 } } },
    validateResource: (args, report) => {
        if (args.props["flag"] === true) report(finding(["terrace:flag"], `${args.name} is flagged`));
    },
};

class Bucket {
    static readonly __pulumiType = "aws:s3/bucket:Bucket";
}

describe("runner", () => {
    describe("resolvePolicyConfig()", () => {
        it("starts from the policy's level and its schema defaults", () => {
            assert.deepStrictEqual(resolvePolicyConfig(flagPolicy), { level: "advisory", settings: { limit: 3 } });
        });

        it("lets `all` override the policy's level", () => {
            assert.strictEqual(resolvePolicyConfig(flagPolicy, { all: "mandatory" }).level, "mandatory");
            assert.strictEqual(
                resolvePolicyConfig(flagPolicy, { all: { enforcementLevel: "disabled" } }).level,
                "disabled",
            );
        });

        it("lets the policy's entry override `all`, and its keys override the defaults", () => {
            const config = { all: "mandatory", "test-thing-disallow-flag": { enforcementLevel: "advisory", limit: 9 } };
            assert.deepStrictEqual(resolvePolicyConfig(flagPolicy, config), {
                level: "advisory",
                settings: { limit: 9 },
            });
        });

        it("accepts a bare level as the policy's entry", () => {
            assert.strictEqual(
                resolvePolicyConfig(flagPolicy, { "test-thing-disallow-flag": "remediate" }).level,
                "remediate",
            );
        });

        it("rejects a setting its schema does not allow, naming the policy and key", () => {
            assert.throws(
                () => resolvePolicyConfig(flagPolicy, { "test-thing-disallow-flag": { limit: 0 } }),
                (e: Error) =>
                    e instanceof PackConfigError && /"test-thing-disallow-flag": \/limit must be >= 1/.test(e.message),
            );
        });

        it("rejects an unknown enforcement level", () => {
            assert.throws(
                () => resolvePolicyConfig(flagPolicy, { all: "strict" }),
                /"all": enforcement level "strict"/,
            );
        });
    });

    describe("validatePackConfig()", () => {
        it("rejects a key that is not a policy of the pack", () => {
            assert.throws(
                () => validatePackConfig({ "test-thing-disalow-flag": "mandatory" }, [flagPolicy]),
                /"test-thing-disalow-flag" is not a policy of this pack/,
            );
        });
    });

    describe("runPolicies()", () => {
        const resources = [
            { type: "test:index:Thing", name: "a", props: { flag: true }, source: "things.json#0" },
            { type: "test:index:Thing", name: "b", props: { flag: false } },
        ];

        it("reports the policy's level, the controls and message of each finding, and the source", () => {
            assert.deepStrictEqual(runPolicies(resources, {}, [flagPolicy]), [
                {
                    policy: "test-thing-disallow-flag",
                    level: "advisory",
                    urn: "urn:pulumi:offline::terrace::test:index:Thing::a",
                    message: "a is flagged",
                    controls: ["terrace:flag"],
                    source: "things.json#0",
                },
            ]);
        });

        it("reports remediate as mandatory, like the engine", () => {
            const [v] = runPolicies(resources, { all: "remediate" }, [flagPolicy]);
            assert.strictEqual(v.level, "mandatory");
            assert.strictEqual(hasMandatory([v]), true);
        });

        it("skips a disabled policy", () => {
            assert.deepStrictEqual(
                runPolicies(resources, { "test-thing-disallow-flag": "disabled" }, [flagPolicy]),
                [],
            );
        });

        it("passes engine-shaped args: urn, name, opts.parent, isType/asType, getConfig", () => {
            const seen: unknown[] = [];
            const probe: TerraceResourcePolicy = {
                ...flagPolicy,
                validateResource: (args: ResourceValidationArgs) => {
                    seen.push([
                        args.urn,
                        args.name,
                        args.opts.parent,
                        args.isType(Bucket as never),
                        args.asType(Bucket as never) !== undefined,
                        args.getConfig(),
                    ]);
                },
            };
            runPolicies(
                [{ type: "aws:s3/bucket:Bucket", name: "logs", urn: "urn:x", parent: "urn:p", props: {} }],
                {},
                [probe],
            );
            assert.deepStrictEqual(seen, [["urn:x", "logs", "urn:p", true, true, { limit: 3 }]]);
        });

        it("describes the resource's provider like the engine (resolved from a provider reference)", () => {
            const seen: unknown[] = [];
            const probe: TerraceResourcePolicy = {
                ...flagPolicy,
                validateResource: (args) => {
                    if (args.provider)
                        seen.push([args.provider.type, args.provider.urn, args.provider.props["region"]]);
                },
            };
            runPolicies(
                [
                    { type: "pulumi:providers:aws", name: "eu", urn: "urn:prov", props: { region: "eu-west-1" } },
                    { type: "aws:s3/bucket:Bucket", name: "logs", provider: "urn:prov::7b3c", props: {} },
                ],
                {},
                [probe],
            );
            assert.deepStrictEqual(seen, [["pulumi:providers:aws", "urn:prov", "eu-west-1"]]);
        });

        it("treats notApplicable() as no finding", () => {
            const policy: TerraceResourcePolicy = {
                ...flagPolicy,
                validateResource: (args) => args.notApplicable("no"),
            };
            assert.deepStrictEqual(runPolicies(resources, {}, [policy]), []);
        });

        it("downgrades a policy that reads an unknown value to an advisory note, like the engine", () => {
            const policy: TerraceResourcePolicy = {
                ...flagPolicy,
                enforcementLevel: "mandatory",
                validateResource: (args, report) => {
                    if (args.props["flag"]) report("flag");
                },
            };
            const [v] = runPolicies([{ type: "t:i:T", name: "u", props: { flag: UNKNOWN_STRING } }], {}, [policy]);
            assert.strictEqual(v.level, "advisory");
            assert.match(
                v.message,
                /^can't run policy 'test-thing-disallow-flag' from policy pack 'terrace-baseline@v0\.1\.0' during preview: string value at \.flag/,
            );
        });

        it("refuses asynchronous validations", () => {
            const policy: TerraceResourcePolicy = { ...flagPolicy, validateResource: async () => undefined };
            assert.throws(() => runPolicies(resources, {}, [policy]), /must be synchronous/);
        });

        it("gives stack policies every resource with parent and dependencies resolved", () => {
            const stackPolicy: TerraceStackPolicy = {
                name: "test-stack-enforce-links",
                description: "links",
                enforcementLevel: "mandatory",
                controls: ["terrace:links"],
                validateStack: (args, report) => {
                    for (const r of args.resources) {
                        const links = [r.parent?.name, ...r.dependencies.map((d) => d.name)].filter(Boolean);
                        report(finding(["terrace:links"], `${r.name}: ${links.join(",")}`), r.urn);
                    }
                    report("stack-wide");
                },
            };
            const urn = (n: string) => `urn:pulumi:prod::terrace::t:i:T::${n}`;
            const violations = runPolicies(
                [
                    { type: "t:i:T", name: "root", urn: urn("root"), props: {} },
                    {
                        type: "t:i:T",
                        name: "leaf",
                        urn: urn("leaf"),
                        parent: urn("root"),
                        dependencies: [urn("root")],
                        props: {},
                        source: "f#1",
                    },
                ],
                {},
                [stackPolicy],
            );
            assert.deepStrictEqual(
                violations.map((v) => [v.urn, v.message, v.source]),
                [
                    [urn("root"), "root: ", undefined],
                    [urn("leaf"), "leaf: root,root", "f#1"],
                    ["urn:pulumi:prod::terrace::pulumi:pulumi:Stack::terrace-prod", "stack-wide", undefined],
                ],
            );
        });
    });

    describe("loadPackConfig()", () => {
        it("loads a stack's pack config", () => {
            assert.strictEqual(typeof loadPackConfig("prod"), "object");
        });

        it("fails for a stack without one", () => {
            assert.throws(() => loadPackConfig("qa"), /no pack config for stack "qa"/);
        });
    });

    it("runs every policy of the pack by default", () => {
        const pod = {
            type: "kubernetes:core/v1:Pod",
            name: "p",
            props: { metadata: { name: "p" }, spec: { hostIPC: true, containers: [] } },
        };
        assert.ok(runPolicies([pod]).some((v) => v.policy === "pss-pod-disallow-host-namespaces"));
    });

    it("keeps one policy from seeing another's mutations", () => {
        const mutator: TerracePolicy = {
            ...flagPolicy,
            name: "test-thing-enforce-mutation",
            validateResource: (args) => {
                (args.props as Record<string, unknown>)["flag"] = true;
            },
        };
        const thing = { type: "test:index:Thing", name: "c", props: { flag: false } };
        assert.deepStrictEqual(runPolicies([thing], {}, [mutator, flagPolicy]), []);
    });
});
