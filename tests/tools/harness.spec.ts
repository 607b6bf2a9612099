import { strict as assert } from "assert";
import { applyOverride, readStackConfig, sanitize, toRuntimeConfig, UsageError } from "../../tools/harness";

describe("offline harness", () => {
    describe("config overrides", () => {
        it("set a field inside a section, parsing the value as YAML", () => {
            const config: Record<string, unknown> = { "terrace:database": { multiAz: false, name: "erp" } };
            applyOverride(config, "terrace:database.multiAz=true");
            applyOverride(config, "terrace:tiers.data.minSize=3");
            assert.deepEqual(config, {
                "terrace:database": { multiAz: true, name: "erp" },
                "terrace:tiers": { data: { minSize: 3 } },
            });
        });

        it("set a whole key", () => {
            const config: Record<string, unknown> = {};
            applyOverride(config, "aws:region=us-east-1");
            assert.deepEqual(config, { "aws:region": "us-east-1" });
        });

        it("refuse an override without a namespace or a value", () => {
            assert.throws(() => applyOverride({}, "multiAz=true"), UsageError);
            assert.throws(() => applyOverride({}, "terrace:database.multiAz"), UsageError);
        });

        it("apply to the stack file as read", () => {
            const { config } = readStackConfig("dev", ["terrace:network.azCount=3"]);
            assert.equal((config["terrace:network"] as { azCount: number }).azCount, 3);
        });

        it("refuse an unknown stack, naming the stacks there are", () => {
            assert.throws(() => readStackConfig("qa"), /--stack: got "qa"; allowed: dev, prod, staging/);
        });
    });

    describe("runtime config", () => {
        it("passes objects as JSON and marks keys holding encrypted values as secret", () => {
            const { values, secretKeys } = toRuntimeConfig({
                "aws:region": "eu-west-1",
                "terrace:network": { azCount: 2 },
                "terrace:alertWebhook": { secure: "v1:abc" },
                "terrace:platform": { alerting: { token: { secure: "v1:def" } } },
            });
            assert.equal(values["aws:region"], "eu-west-1");
            assert.equal(values["terrace:network"], '{"azCount":2}');
            assert.equal(values["terrace:alertWebhook"], "[secret]");
            assert.equal(values["terrace:platform"], '{"alerting":{"token":"[secret]"}}');
            assert.deepEqual(secretKeys.sort(), ["terrace:alertWebhook", "terrace:platform"]);
        });
    });

    describe("captured inputs", () => {
        it("hide secrets, name resource references by URN and show unknowns", () => {
            const refs = new Set<string>();
            const value = sanitize(
                {
                    password: {
                        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                        value: "hunter2",
                    },
                    cluster: {
                        "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e",
                        urn: "urn:c",
                        id: "c",
                    },
                    id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                    list: [1, "a"],
                },
                refs,
            );
            assert.deepEqual(value, {
                password: "[secret]",
                cluster: { urn: "urn:c" },
                id: "[unknown]",
                list: [1, "a"],
            });
            assert.deepEqual([...refs], ["urn:c"]);
        });
    });
});
