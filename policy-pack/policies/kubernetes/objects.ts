/**
 * Kubernetes objects as the stack policies see them: kind, name and namespace read once (unknown-safe), so each
 * policy correlates objects (a PDB with its Deployment, an HPA with its target) without re-parsing props.
 */
import type { PolicyResource } from "@pulumi/policy";
import { PodView, kubernetesType, namespaceOf } from "../../lib/pods";
import { UNKNOWN, Unknown, isRecord, isUnknown, list, plainProps, record, text } from "../../lib/values";

export interface KubeObject {
    readonly urn: string;
    /** The Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
    readonly type: string;
    /** API group ("core" for the legacy group), version and kind from the Pulumi type token. */
    readonly group: string;
    readonly version: string;
    readonly kind: string;
    /** metadata.name; undefined when Pulumi auto-names the object, UNKNOWN when computed during preview. */
    readonly name: string | undefined | Unknown;
    /** The namespace (`default` when absent), or UNKNOWN during preview. */
    readonly namespace: string | Unknown;
    readonly props: Record<string, unknown>;
    /** The Pulumi resource name, shown when metadata.name is not known. */
    readonly resourceName?: string;
}

/** The object behind a Kubernetes resource, or undefined for any other type. */
export function kubeObject(type: string, props: unknown, urn: string, resourceName?: string): KubeObject | undefined {
    const parsed = kubernetesType(type);
    if (!parsed) return undefined;
    const plain = plainProps(props);
    const metadata = plain["metadata"];
    const rawName = isUnknown(metadata) ? UNKNOWN : record(metadata)?.["name"];
    const name = isUnknown(rawName) ? UNKNOWN : text(rawName);
    return {
        urn,
        type,
        ...parsed,
        name,
        namespace: namespaceOf(plain),
        props: plain,
        ...(resourceName ? { resourceName } : {}),
    };
}

/** Every Kubernetes object among a stack's resources. */
export function kubeObjects(resources: readonly PolicyResource[]): KubeObject[] {
    return resources.flatMap((r) => {
        const object = kubeObject(r.type, r.props, r.urn, r.name);
        return object ? [object] : [];
    });
}

/** How messages name an object: `Deployment erp/api` (the Pulumi name stands in for an auto-generated one). */
export function describe(
    kind: string,
    namespace: string | Unknown,
    name: string | undefined | Unknown,
    fallback?: string,
): string {
    const shownName = typeof name === "string" ? name : (fallback ?? "(unnamed)");
    return typeof namespace === "string" ? `${kind} ${namespace}/${shownName}` : `${kind} ${shownName}`;
}

/** How messages name an object. */
export function label(object: KubeObject): string {
    return describe(object.kind, object.namespace, object.name, object.resourceName);
}

/** How messages name the workload behind a pod view. */
export function describePod(pod: PodView, fallback: string): string {
    return describe(pod.kind, pod.namespace, pod.name, fallback);
}

/** True when a value is a known string equal to `expected`. */
export function sameName(value: string | undefined | Unknown, expected: string): boolean {
    return typeof value === "string" && value === expected;
}

/** The group of an apiVersion: `apps/v1` -> apps, `v1` -> core (as in Pulumi tokens). */
export function apiGroup(apiVersion: string): string {
    const slash = apiVersion.indexOf("/");
    return slash < 0 ? "core" : apiVersion.slice(0, slash);
}

/**
 * Whether a label selector selects a set of labels: true, false, or UNKNOWN when the selector or the labels are
 * not known yet. An empty selector selects everything (policy/v1 PDB, NetworkPolicy podSelector).
 */
export function selects(selector: unknown, labels: unknown): boolean | Unknown {
    if (isUnknown(selector) || isUnknown(labels)) return UNKNOWN;
    const sel = record(selector) ?? {};
    const have = record(labels) ?? {};
    let unknown = false;
    const matchLabels = sel["matchLabels"];
    if (isUnknown(matchLabels)) return UNKNOWN;
    for (const [key, value] of Object.entries(record(matchLabels) ?? {})) {
        if (isUnknown(value) || isUnknown(have[key])) {
            unknown = true;
            continue;
        }
        if (have[key] !== value) return false;
    }
    const expressions = sel["matchExpressions"];
    if (isUnknown(expressions)) return UNKNOWN;
    for (const entry of list(expressions)) {
        const expression = record(entry);
        if (!expression) continue;
        const key = text(expression["key"]);
        const operator = text(expression["operator"]);
        const values = list(expression["values"]);
        if (key === undefined || operator === undefined || values.some(isUnknown) || isUnknown(have[key ?? ""])) {
            unknown = true;
            continue;
        }
        const present = key in have;
        const value = have[key];
        const match =
            operator === "In"
                ? present && values.includes(value)
                : operator === "NotIn"
                  ? !present || !values.includes(value)
                  : operator === "Exists"
                    ? present
                    : operator === "DoesNotExist"
                      ? !present
                      : undefined;
        if (match === undefined) {
            unknown = true;
            continue;
        }
        if (!match) return false;
    }
    return unknown ? UNKNOWN : true;
}

/** True for an empty (select-everything) label selector; UNKNOWN when it is not known yet. */
export function isEmptySelector(selector: unknown): boolean | Unknown {
    if (isUnknown(selector)) return UNKNOWN;
    if (selector === undefined || selector === null) return true;
    if (!isRecord(selector)) return false;
    const labels = selector["matchLabels"];
    const expressions = selector["matchExpressions"];
    if (isUnknown(labels) || isUnknown(expressions)) return UNKNOWN;
    return Object.keys(record(labels) ?? {}).length === 0 && list(expressions).length === 0;
}

/** "a", "a and b", "a, b and c". */
export function enumerate(items: readonly string[]): string {
    return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
