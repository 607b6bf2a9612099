import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { appsSchema } from "../../../infra/config/apps";
import {
    clusterSchema,
    databaseSchema,
    networkSchema,
    tiersSchema,
    tierSizingSchema,
} from "../../../infra/config/infra";
import { platformSchema } from "../../../infra/config/platform";

type Schema = z.ZodType;

/** Strips default/optional wrappers to reach the object (or other) schema underneath. */
function unwrap(schema: Schema): Schema {
    let s = schema as unknown as { _zod: { def: { type: string; innerType?: Schema; in?: Schema } } };
    while (["default", "optional", "prefault", "nullable", "pipe"].includes(s._zod.def.type)) {
        s = (s._zod.def.innerType ?? s._zod.def.in) as unknown as typeof s;
    }
    return s as unknown as Schema;
}

/** Every field path of an object schema, e.g. ["endpoint", "endpoint.publicAccess", ...]. */
function fieldPaths(schema: Schema, prefix = ""): string[] {
    const inner = unwrap(schema) as unknown as { shape?: Record<string, Schema> };
    if (!inner.shape) return [];
    return Object.entries(inner.shape).flatMap(([key, child]) => {
        const full = prefix ? `${prefix}.${key}` : key;
        return [full, ...fieldPaths(child, full)];
    });
}

const project = parse(fs.readFileSync(path.resolve(__dirname, "../../../Pulumi.yaml"), "utf8")) as {
    config: Record<string, { description?: string }>;
};

describe("Pulumi.yaml config schema", () => {
    const sections: [string, Schema][] = [
        ["network", networkSchema],
        ["cluster", clusterSchema],
        ["database", databaseSchema],
        ["platform", platformSchema],
        ["apps", appsSchema],
    ];
    for (const [section, schema] of sections) {
        it(`documents every field of terrace:${section}`, () => {
            const description = project.config[`terrace:${section}`]?.description ?? "";
            assert.ok(description, `terrace:${section} has a description`);
            const missing = fieldPaths(schema).filter((p) => !description.includes(p.split(".").pop()!));
            assert.deepEqual(missing, [], `fields of terrace:${section} missing from its description`);
        });
    }

    it("documents the tier fields and every tier name", () => {
        const description = project.config["terrace:tiers"].description ?? "";
        for (const field of [
            ...fieldPaths(tierSizingSchema),
            ...fieldPaths(tiersSchema).filter((p) => !p.includes(".")),
        ]) {
            assert.ok(description.includes(field), field);
        }
    });
});
