import { z } from "zod";

/**
 * A configuration value that Terrace refuses. The message is one line that names the key as it appears in
 * `Pulumi.<stack>.yaml`, the value given and what is allowed, so a user can fix it without reading code.
 */
export class ConfigError extends Error {
    constructor(
        readonly key: string,
        readonly given: unknown,
        readonly allowed: string,
    ) {
        super(`${key}: got ${describeValue(given)}; allowed: ${allowed}`);
        this.name = "ConfigError";
    }
}

export function describeValue(value: unknown): string {
    if (value === undefined) return "nothing (the key is missing)";
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `terrace:tiers.data.minSize` from the zod issue path ["tiers", "data", "minSize"]. */
export function configKey(namespace: string, path: readonly PropertyKey[]): string {
    const [section, ...rest] = path.map(String);
    if (section === undefined) return namespace;
    return rest.reduce(
        (key, part) => (/^\d+$/.test(part) ? `${key}[${part}]` : `${key}.${part}`),
        `${namespace}:${section}`,
    );
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let node: unknown = root;
    for (const part of path) {
        if (node === null || typeof node !== "object") return undefined;
        node = (node as Record<PropertyKey, unknown>)[part as string];
    }
    return node;
}

/** Types as someone editing a stack file thinks of them. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
    object: "an object (a YAML mapping of key: value)",
    array: "a list (a YAML sequence)",
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
};

/** What a zod issue allows, phrased for a person editing YAML. */
function allowedFor(issue: z.core.$ZodIssue): string {
    switch (issue.code) {
        case "invalid_value":
            return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "unrecognized_keys":
            return `no key named ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} (check the spelling; see Pulumi.yaml for every key)`;
        case "too_small":
            return issue.origin === "array" || issue.origin === "string"
                ? `at least ${String(issue.minimum)} ${issue.origin === "array" ? "entries" : "characters"}`
                : `a number ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}`;
        case "too_big":
            return issue.origin === "array" || issue.origin === "string"
                ? `at most ${String(issue.maximum)} ${issue.origin === "array" ? "entries" : "characters"}`
                : `a number ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}`;
        case "invalid_type":
            return issue.message.startsWith("Invalid input")
                ? (TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`)
                : issue.message;
        default:
            return issue.message;
    }
}

/** Turns the first zod issue into a ConfigError (one problem at a time keeps the message to one line). */
export function toConfigError(namespace: string, input: unknown, error: z.ZodError): ConfigError {
    const issue = error.issues[0];
    if (issue.code === "unrecognized_keys") {
        const path = [...issue.path, issue.keys[0]];
        return new ConfigError(configKey(namespace, path), valueAt(input, path), allowedFor(issue));
    }
    return new ConfigError(configKey(namespace, issue.path), valueAt(input, issue.path), allowedFor(issue));
}
