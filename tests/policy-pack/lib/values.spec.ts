import * as assert from "assert";
import {
    UNKNOWN,
    UNKNOWN_STRING,
    at,
    isUnknown,
    plain,
    plainProps,
    unknownCheckingProxy,
} from "../../../policy-pack/lib/values";

describe("values", () => {
    describe("plain()", () => {
        it("turns engine sentinels into UNKNOWN", () => {
            assert.deepStrictEqual(plain({ a: UNKNOWN_STRING, b: [1, UNKNOWN_STRING], c: "x" }), {
                a: UNKNOWN,
                b: [1, UNKNOWN],
                c: "x",
            });
        });

        it("reads through the engine's unknown-checking proxy without throwing", () => {
            const props = unknownCheckingProxy({ spec: { replicas: UNKNOWN_STRING, template: { a: 1 } } });
            assert.throws(() => (props.spec as { replicas: unknown }).replicas);
            assert.deepStrictEqual(plainProps(props), { spec: { replicas: UNKNOWN, template: { a: 1 } } });
        });

        it("treats the plan's [unknown] placeholder as unknown", () => {
            assert.strictEqual(plain("[unknown]"), UNKNOWN);
        });
    });

    describe("at()", () => {
        const value = { a: { b: [{ c: 1 }] }, u: UNKNOWN };

        it("follows a path of keys and indexes", () => {
            assert.strictEqual(at(value, "a", "b", 0, "c"), 1);
        });

        it("is undefined when a step is missing", () => {
            assert.strictEqual(at(value, "a", "x", "c"), undefined);
        });

        it("is UNKNOWN when a step is unknown", () => {
            assert.ok(isUnknown(at(value, "u", "anything")));
        });
    });
});
