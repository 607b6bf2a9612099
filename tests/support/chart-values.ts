/**
 * Checks chart values against the pinned chart's own defaults, so a misspelt or moved key fails a test instead
 * of being silently ignored by Helm. The charts are vendored byte-for-byte at tests/fixtures/charts/<chart>/.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import * as YAML from "yaml";

export const CHARTS_DIR = path.resolve(__dirname, "..", "fixtures", "charts");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Schema = { [key: string]: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function readYaml(file: string): unknown {
    return YAML.parse(fs.readFileSync(file, "utf8"));
}

function chartDir(chart: string): string {
    const dir = path.join(CHARTS_DIR, chart);
    if (!fs.existsSync(path.join(dir, "Chart.yaml"))) throw new Error(`no pinned chart ${chart} under ${CHARTS_DIR}`);
    return dir;
}

/** Pinned chart metadata read from tests/fixtures/charts/<chart>/Chart.yaml (version, appVersion, name). */
export function chartMetadata(chart: string): { name: string; version: string; appVersion: string } {
    const meta = readYaml(path.join(chartDir(chart), "Chart.yaml")) as Record<string, unknown>;
    return { name: String(meta.name), version: String(meta.version), appVersion: String(meta.appVersion) };
}

/** Objects merged key by key; where one side is a free-form `{}` and the other declares keys, the keys win. */
function mergeDefaults(a: Json, b: Json): Json {
    if (!isObject(a) || !isObject(b)) return b === undefined ? a : b;
    const out: JsonObject = { ...a };
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? mergeDefaults(out[key], value) : value;
    return out;
}

const defaultsCache = new Map<string, JsonObject>();

/**
 * The chart's default values with each saved subchart's values.yaml under its key (the dependency's alias, or
 * its name), as Helm coalesces them.
 */
export function chartDefaults(chart: string): JsonObject {
    const cached = defaultsCache.get(chart);
    if (cached) return cached;
    const dir = chartDir(chart);
    let defaults = (readYaml(path.join(dir, "values.yaml")) ?? {}) as JsonObject;
    const meta = readYaml(path.join(dir, "Chart.yaml")) as { dependencies?: { name: string; alias?: string }[] };
    const subDir = path.join(dir, "subcharts");
    if (fs.existsSync(subDir)) {
        for (const sub of fs.readdirSync(subDir)) {
            const file = path.join(subDir, sub, "values.yaml");
            if (!fs.existsSync(file)) continue;
            const dep = meta.dependencies?.find((d) => d.name === sub);
            const key = dep?.alias ?? sub;
            const subValues = (readYaml(file) ?? {}) as JsonObject;
            defaults = mergeDefaults(defaults, { [key]: subValues }) as JsonObject;
        }
    }
    defaultsCache.set(chart, defaults);
    return defaults;
}

function chartSchema(chart: string): Schema | undefined {
    const file = path.join(chartDir(chart), "values.schema.json");
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Schema) : undefined;
}

/** What a JSON schema node says about the keys of an object. */
interface SchemaKeys {
    /** Sub-schemas of a key, from properties, patternProperties or additionalProperties. */
    readonly children: (key: string) => Schema[];
    /** The schema refuses keys it does not list (additionalProperties: false). */
    readonly closed: boolean;
    /** The schema lists the key or allows typed extra keys (so it can vouch for a key values.yaml lacks). */
    readonly knows: (key: string) => boolean;
    /** The node says anything about keys at all; an object schema that does not is a free-form map. */
    readonly lists: boolean;
}

const lists = (s: Schema) =>
    isObject(s.properties) ||
    isObject(s.patternProperties) ||
    isObject(s.additionalProperties) ||
    s.additionalProperties === false;

function resolveRef(root: Schema, node: Schema): Schema {
    let current = node;
    for (let hops = 0; typeof current.$ref === "string" && hops < 32; hops++) {
        const ref = current.$ref as string;
        if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
        let target: unknown = root;
        for (const part of ref.slice(2).split("/"))
            target = (target as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
        if (!isObject(target)) throw new Error(`dangling $ref ${ref}`);
        current = target;
    }
    return current;
}

/** The alternatives a node stands for (allOf/anyOf/oneOf branches are each a way the object may look). */
function branches(root: Schema, node: Schema): Schema[] {
    const resolved = resolveRef(root, node);
    const out: Schema[] = [resolved];
    for (const combinator of ["allOf", "anyOf", "oneOf"]) {
        const list = resolved[combinator];
        if (Array.isArray(list)) for (const sub of list) if (isObject(sub)) out.push(...branches(root, sub));
    }
    return out;
}

function schemaKeys(root: Schema, nodes: Schema[]): SchemaKeys {
    const all = nodes.flatMap((n) => branches(root, n));
    const child = (s: Schema, key: string): Schema[] => {
        const found: Schema[] = [];
        if (isObject(s.properties) && isObject(s.properties[key])) found.push(s.properties[key] as Schema);
        if (isObject(s.patternProperties)) {
            for (const [pattern, sub] of Object.entries(s.patternProperties)) {
                if (isObject(sub) && new RegExp(pattern, "u").test(key)) found.push(sub);
            }
        }
        if (found.length === 0 && isObject(s.additionalProperties)) found.push(s.additionalProperties);
        return found;
    };
    return {
        children: (key) => all.flatMap((s) => child(s, key)),
        // Closed only if every branch that talks about keys is closed: one open branch lets the key through.
        closed:
            all.some((s) => s.additionalProperties === false) &&
            !all.some((s) => lists(s) && s.additionalProperties !== false),
        knows: (key) => all.some((s) => child(s, key).length > 0),
        lists: all.some(lists),
    };
}

/**
 * Kubernetes `map[string]string` fields (nodeSelector, labels, annotations and their chart variants such as
 * podLabels or serviceAnnotations): their keys are label keys chosen by the user, whatever the chart's example
 * default (nodeSelector often defaults to {kubernetes.io/os: linux}) happens to hold.
 */
export const STRING_MAP_KEY = /^(nodeSelector|matchLabels|([a-zA-Z]*[lL]abels)|([a-zA-Z]*[aA]nnotations))$/;

function isStringMapKey(key: string): boolean {
    return STRING_MAP_KEY.test(key);
}

/**
 * The defaults tree says which keys exist: a key is known where values.yaml declares it; a map whose default
 * is `{}` or null is free-form (podAnnotations, extraArgs), and so is a Kubernetes string map (STRING_MAP_KEY);
 * anything below those is known; arrays and scalars are leaves. The schema, where present, adds the keys it declares and refuses the ones it closes.
 */
function walk(
    values: Record<string, unknown>,
    defaults: Json | undefined,
    free: boolean,
    root: Schema | undefined,
    schemas: Schema[],
    prefix: string,
    allowed: readonly string[],
    out: string[],
): void {
    const keys = root ? schemaKeys(root, schemas) : undefined;
    for (const [key, value] of Object.entries(values)) {
        const keyPath = prefix ? `${prefix}.${key}` : key;
        if (allowed.some((a) => keyPath === a || keyPath.startsWith(`${a}.`))) continue;
        const declared = isObject(defaults) && key in defaults;
        const freeHere = free || defaults === null || (isObject(defaults) && Object.keys(defaults).length === 0);
        const known = (declared || freeHere || (keys?.knows(key) ?? false)) && !(keys?.closed && !keys.knows(key));
        if (!known) {
            out.push(keyPath);
            continue;
        }
        if (isObject(value)) {
            const childDefaults = declared ? (defaults as JsonObject)[key] : undefined;
            const childSchemas = keys?.children(key) ?? [];
            // A key only the schema declares is free below unless the schema describes its keys.
            const schemaOnly = !declared && !freeHere;
            const childFree =
                (!declared && freeHere) ||
                (schemaOnly && root !== undefined && !schemaKeys(root, childSchemas).lists) ||
                isStringMapKey(key);
            walk(value, childDefaults, childFree, root, childSchemas, keyPath, allowed, out);
        }
    }
}

/** Key paths in `values` that the chart (values.yaml incl. subcharts/<sub>/values.yaml under the subchart's
 *  key, and values.schema.json when present) does not know; `allowed` lists extra paths read by templates. */
export function unknownValueKeys(chart: string, values: unknown, allowed: readonly string[] = []): string[] {
    if (!isObject(values)) throw new Error(`values of ${chart} must be an object`);
    const schema = chartSchema(chart);
    const out: string[] = [];
    walk(values, chartDefaults(chart), false, schema, schema ? [schema] : [], "", allowed, out);
    return out;
}

/** Helm's coalescing: user values override defaults key by key; a null removes the default. */
export function coalesce(defaults: unknown, values: unknown): unknown {
    if (!isObject(defaults) || !isObject(values)) return values === undefined ? defaults : values;
    const out: Record<string, unknown> = { ...defaults };
    for (const [key, value] of Object.entries(values)) {
        if (value === null) delete out[key];
        else out[key] = key in defaults ? coalesce(defaults[key], value) : value;
    }
    return out;
}

const validators = new Map<string, ((data: unknown) => boolean) & { errors?: unknown }>();

/**
 * What Helm would refuse at install time: the coalesced values (defaults + ours) validated against the chart's
 * values.schema.json. Empty when the chart has no schema. Messages are `<json pointer> <ajv message>`.
 */
export function schemaErrors(chart: string, values: unknown): string[] {
    const schema = chartSchema(chart);
    if (!schema) return [];
    let validate = validators.get(chart);
    if (!validate) {
        const ajv = new Ajv({ strict: false, allErrors: true });
        addFormats(ajv);
        const { $schema: _ignored, ...body } = schema;
        validate = ajv.compile(body);
        validators.set(chart, validate);
    }
    const merged = coalesce(chartDefaults(chart), values);
    if (validate(merged)) return [];
    return ((validate.errors ?? []) as { instancePath: string; message?: string }[]).map(
        (e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`,
    );
}
