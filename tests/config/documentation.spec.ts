import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { APPS_SECRET_KEYS, appsSchema } from "../../config/apps";
import { clusterSchema, databaseSchema, networkSchema, tiersSchema, tierSizingSchema } from "../../config/infra";
import { PLATFORM_SECRET_KEYS, platformSchema } from "../../config/platform";

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

const root = path.resolve(__dirname, "../..");
const projectText = fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8");
const project = parse(projectText) as {
    name: string;
    config: Record<string, { description?: string; type?: string; default?: unknown; value?: unknown }>;
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

    // The Pulumi CLI's own rules (sdk/go/common/workspace: Project.Validate and mergeConfig): breaking them makes
    // every `pulumi preview` fail before the program runs, which the offline plan cannot notice by itself.
    it("declares only keys of the project's namespace (Pulumi refuses a type or default on aws:region)", () => {
        const foreign = Object.keys(project.config).filter((k) => k.includes(":") && !k.startsWith(`${project.name}:`));
        assert.deepEqual(foreign, []);
    });

    for (const stack of ["dev", "staging", "prod"]) {
        it(`sets in Pulumi.${stack}.yaml every declared key that has no default`, () => {
            const stackConfig = (
                parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config: object }
            ).config;
            const required = Object.entries(project.config)
                .filter(([, d]) => d.default === undefined && d.value === undefined)
                .map(([k]) => k);
            assert.deepEqual(
                required.filter((k) => !(k in stackConfig)),
                [],
            );
        });
    }

    it("documents every optional secret key (not declared: Pulumi would require it in every stack)", () => {
        for (const key of [...PLATFORM_SECRET_KEYS, ...APPS_SECRET_KEYS]) {
            assert.ok(!(`terrace:${key}` in project.config), `terrace:${key} is not declared`);
            assert.match(projectText, new RegExp(`# - terrace:${key} \\(string, secret, optional\\)`));
        }
    });
});
