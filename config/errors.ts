import { z } from "zod";

/** One refused value: the key as it appears in `Pulumi.<stack>.yaml`, the value given and what is allowed. */
export interface ConfigProblem {
    readonly key: string;
    readonly given: unknown;
    readonly allowed: string;
}

/** `<key>: got <value>; allowed: <what>`, the one line a problem is shown as. */
export function problemLine(problem: ConfigProblem): string {
    return `${problem.key}: got ${describeValue(problem.given)}; allowed: ${problem.allowed}`;
}

/**
 * A configuration that Terrace refuses. It carries every problem found in one run (a user fixes them all at
 * once instead of one per run), sorted by key; the message is one line per problem, each naming the key as it
 * appears in `Pulumi.<stack>.yaml`, the value given and what is allowed. `key`, `given` and `allowed` are the
 * first problem's.
 */
export class ConfigError extends Error {
    readonly problems: readonly ConfigProblem[];

    constructor(key: string, given: unknown, allowed: string);
    constructor(problems: readonly ConfigProblem[]);
    constructor(keyOrProblems: string | readonly ConfigProblem[], given?: unknown, allowed?: string) {
        const problems =
            typeof keyOrProblems === "string"
                ? [{ key: keyOrProblems, given, allowed: allowed ?? "" }]
                : sortProblems(keyOrProblems);
        super(problems.map(problemLine).join("\n"));
        this.name = "ConfigError";
        this.problems = problems;
    }

    get key(): string {
        return this.problems[0]?.key ?? "";
    }

    get given(): unknown {
        return this.problems[0]?.given;
    }

    get allowed(): string {
        return this.problems[0]?.allowed ?? "";
    }
}

function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
    const seen = new Set<string>();
    return [...problems]
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .filter((p) => {
            const line = problemLine(p);
            if (seen.has(line)) return false;
            seen.add(line);
            return true;
        });
}

/**
 * Collects problems while a configuration is checked, so every check runs and all problems are reported together.
 * Checks call `add`; the caller calls `throwIfAny` once everything has been looked at.
 */
export class ConfigProblems {
    private readonly found: ConfigProblem[] = [];

    add(key: string, given: unknown, allowed: string): void {
        this.found.push({ key, given, allowed });
    }

    /** Adds the problems of a ConfigError thrown by code that checks one thing at a time; rethrows anything else. */
    absorb(fn: () => void): void {
        try {
            fn();
        } catch (err) {
            if (!(err instanceof ConfigError)) throw err;
            this.found.push(...err.problems);
        }
    }

    addAll(problems: readonly ConfigProblem[]): void {
        this.found.push(...problems);
    }

    get count(): number {
        return this.found.length;
    }

    get list(): readonly ConfigProblem[] {
        return this.found;
    }

    throwIfAny(): void {
        if (this.found.length > 0) throw new ConfigError(this.found);
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

/** Every zod issue as a problem, in the order zod found them (the ConfigError sorts them by key). */
export function zodProblems(namespace: string, input: unknown, error: z.ZodError): ConfigProblem[] {
    return error.issues.flatMap((issue) => {
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((unknownKey) => {
                const path = [...issue.path, unknownKey];
                return { key: configKey(namespace, path), given: valueAt(input, path), allowed: allowedFor(issue) };
            });
        }
        return [
            { key: configKey(namespace, issue.path), given: valueAt(input, issue.path), allowed: allowedFor(issue) },
        ];
    });
}

/** A ConfigError with every zod issue. */
export function toConfigError(namespace: string, input: unknown, error: z.ZodError): ConfigError {
    return new ConfigError(zodProblems(namespace, input, error));
}
