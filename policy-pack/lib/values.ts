/**
 * Reading resource props safely. Under `pulumi preview` a value computed from another resource's output is
 * unknown: @pulumi/policy hands policies a proxy that throws when such a value is read, and the offline plan
 * carries the engine's sentinel strings. `plain()` turns both into an ordinary value tree where every unknown
 * is the `UNKNOWN` symbol, so a rule can say "cannot judge yet" instead of crashing or guessing.
 */
import * as pulumiPolicy from "@pulumi/policy";

/** Marks a value that is unknown until the resource it comes from exists. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/**
 * The engine's wire sentinels for computed values (string, boolean, number, array, asset, archive, object),
 * stable across Pulumi releases; the plan may also print an unknown as "[unknown]".
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    "[unknown]",
]);

/** The engine's sentinel for an unknown string, for tests and fixtures. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// @pulumi/policy exports these at runtime but its typings omit them.
const internals = pulumiPolicy as unknown as {
    readonly unknownCheckingProxy: <T>(value: T) => T;
    readonly UnknownValueError: new (...args: never[]) => Error;
};

/** Wraps props the way the engine does, so offline runs fail (or not) exactly like `pulumi preview`. */
export function unknownCheckingProxy<T extends object>(props: T): T {
    return internals.unknownCheckingProxy(props);
}

/** True for the error @pulumi/policy throws when a policy reads an unknown value. */
export function isUnknownValueError(error: unknown): boolean {
    return error instanceof internals.UnknownValueError;
}

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.has(value));
}

function read(source: object, key: string | number): unknown {
    try {
        return (source as Record<string | number, unknown>)[key];
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
}

/** A deep, proxy-free copy of a value in which every unknown is `UNKNOWN`. */
export function plain(value: unknown): unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
            out.push(plain(read(value, i)));
        }
        return out;
    }
    if (value !== null && typeof value === "object" && isPlainRecord(value)) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
            out[key] = plain(read(value, key));
        }
        return out;
    }
    return value;
}

function isPlainRecord(value: object): boolean {
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/** Props as a plain record (see plain()); anything that is not an object reads as `{}`. */
export function plainProps(props: unknown): Record<string, unknown> {
    const value = plain(props);
    return isRecord(value) ? value : {};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The object at `value`, or undefined when it is absent, unknown or not an object. */
export function record(value: unknown): Record<string, unknown> | undefined {
    return isRecord(value) ? value : undefined;
}

/** The array at `value`; absent, unknown or not-an-array reads as []. */
export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** The string at `value`, or undefined. */
export function text(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** Follows a path of keys; stops at the first missing or unknown step (returning undefined or UNKNOWN). */
export function at(value: unknown, ...path: readonly (string | number)[]): unknown {
    let current = value;
    for (const key of path) {
        if (isUnknown(current)) {
            return UNKNOWN;
        }
        if (typeof key === "number") {
            if (!Array.isArray(current)) return undefined;
            current = current[key];
        } else {
            if (!isRecord(current)) return undefined;
            current = current[key];
        }
    }
    return isUnknown(current) ? UNKNOWN : current;
}
