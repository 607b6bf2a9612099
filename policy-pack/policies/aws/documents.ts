/** IAM policy documents as the AWS policies read them: a JSON string or an object, one statement or many. */
import { UNKNOWN, Unknown, isUnknown, record } from "../../lib/values";
import { SECRET_PLACEHOLDER } from "./common";

/** A policy document from a JSON string or an object; UNKNOWN when computed or secret, undefined when unreadable. */
export function policyDocument(value: unknown): Record<string, unknown> | undefined | Unknown {
    if (isUnknown(value) || value === SECRET_PLACEHOLDER) return UNKNOWN;
    if (typeof value === "string") {
        try {
            return record(JSON.parse(value));
        } catch {
            return undefined;
        }
    }
    return record(value);
}

/** The statements of a policy document (a single statement object counts as one). */
export function statements(document: Record<string, unknown>): Record<string, unknown>[] {
    const raw = document["Statement"];
    return (Array.isArray(raw) ? raw : [raw]).map(record).filter((s): s is Record<string, unknown> => s !== undefined);
}
