/**
 * One view of "the pod" behind any workload kind, so the Pod Security Standards (and any rule about pod specs)
 * are written once: the pod metadata and spec, every container with its kind, the namespace and the namespace's
 * PSS level from the pack config.
 */
import { UNKNOWN, Unknown, isUnknown, list, plain, record, text } from "./values";

export type PssLevel = "privileged" | "baseline" | "restricted";
export const PSS_LEVELS: readonly PssLevel[] = ["privileged", "baseline", "restricted"];

export type ContainerKind = "container" | "initContainer" | "ephemeralContainer";

export interface ContainerView {
    readonly kind: ContainerKind;
    readonly name: string;
    /** The container object itself (securityContext, ports, probes, ...). */
    readonly spec: Record<string, unknown>;
    /** How messages name it: "container app", "init container migrate", "ephemeral container debug". */
    readonly label: string;
}

export interface PodView {
    /** The workload kind that carries the pod (Deployment, CronJob, Pod, ...). */
    readonly kind: string;
    /** metadata.name of the workload, when known. */
    readonly name?: string;
    /** The workload's namespace (`default` when the manifest has none), or UNKNOWN during preview. */
    readonly namespace: string | Unknown;
    /** The pod template's metadata (annotations such as AppArmor's live here). */
    readonly metadata: Record<string, unknown>;
    readonly spec: Record<string, unknown>;
    readonly containers: readonly ContainerView[];
}

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
    Pod: [],
    PodTemplate: ["template"],
    Deployment: ["spec", "template"],
    StatefulSet: ["spec", "template"],
    DaemonSet: ["spec", "template"],
    ReplicaSet: ["spec", "template"],
    ReplicationController: ["spec", "template"],
    Job: ["spec", "template"],
    CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** The workload kinds that carry a pod spec. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

export interface KubernetesType {
    /** API group; "core" for the legacy group, as in Pulumi tokens. */
    readonly group: string;
    readonly version: string;
    readonly kind: string;
}

const K8S_TOKEN = /^kubernetes:([^/:]+)\/([^:]+):([A-Za-z0-9]+)$/;

/** Parses a Pulumi Kubernetes type token: `kubernetes:apps/v1:Deployment`, `kubernetes:core/v1:Pod`. */
export function kubernetesType(type: string): KubernetesType | undefined {
    const match = K8S_TOKEN.exec(type);
    return match ? { group: match[1], version: match[2], kind: match[3] } : undefined;
}

/** The Pulumi type token of a manifest: apiVersion `v1` is the `core` group, as Pulumi spells it. */
export function kubernetesToken(apiVersion: string, kind: string): string {
    const slash = apiVersion.indexOf("/");
    const groupVersion = slash < 0 ? `core/${apiVersion}` : apiVersion;
    return `kubernetes:${groupVersion}:${kind}`;
}

/**
 * The namespace of a namespaced object. When absent it is `fallback`: `default`, as kubectl applies it, or the
 * namespace of the Kubernetes provider the resource uses (see providerNamespace()).
 */
export function namespaceOf(props: Record<string, unknown>, fallback: string | Unknown = "default"): string | Unknown {
    const metadata = props["metadata"];
    if (isUnknown(metadata)) return UNKNOWN;
    const namespace = record(metadata)?.["namespace"];
    if (isUnknown(namespace)) return UNKNOWN;
    return text(namespace) || fallback;
}

/**
 * The default namespace of the Kubernetes provider behind a resource (`new k8s.Provider(..., { namespace })` puts
 * every object without one there), or `default`.
 */
export function providerNamespace(provider: { readonly props: unknown } | undefined): string | Unknown {
    const namespace = record(plain(provider?.props))?.["namespace"];
    if (isUnknown(namespace)) return UNKNOWN;
    return text(namespace) || "default";
}

function containerViews(spec: Record<string, unknown>): ContainerView[] {
    const groups: readonly [ContainerKind, string, string][] = [
        ["initContainer", "initContainers", "init container"],
        ["container", "containers", "container"],
        ["ephemeralContainer", "ephemeralContainers", "ephemeral container"],
    ];
    const out: ContainerView[] = [];
    for (const [kind, field, noun] of groups) {
        list(spec[field]).forEach((entry, index) => {
            const container = record(entry);
            if (!container) return;
            const name = text(container["name"]) ?? `#${index}`;
            out.push({ kind, name, spec: container, label: `${noun} ${name}` });
        });
    }
    return out;
}

/**
 * The pod behind a resource of a workload kind, or undefined when the resource carries no pod (or its pod
 * template is not known yet). `defaultNamespace` is where an object without a namespace lands.
 */
export function podOf(
    type: string,
    props: Record<string, unknown>,
    defaultNamespace: string | Unknown = "default",
): PodView | undefined {
    const parsed = kubernetesType(type);
    if (!parsed) return undefined;
    const path = TEMPLATE_PATHS[parsed.kind];
    if (!path) return undefined;
    let template: unknown = props;
    for (const key of path) {
        template = record(template)?.[key];
    }
    const pod = record(template);
    const spec = record(pod?.["spec"]);
    if (!pod || !spec) return undefined;
    return {
        kind: parsed.kind,
        name: text(record(props["metadata"])?.["name"]),
        namespace: namespaceOf(props, defaultNamespace),
        metadata: record(pod["metadata"]) ?? {},
        spec,
        containers: containerViews(spec),
    };
}

/** The `namespaceLevels` setting every PSS policy takes (namespace -> level). */
export type NamespaceLevels = Readonly<Record<string, PssLevel>>;

/** The PSS level a namespace is held to: its pack setting, else restricted. */
export function namespaceLevel(namespace: string, levels: NamespaceLevels | undefined): PssLevel {
    const level = levels?.[namespace];
    return level && PSS_LEVELS.includes(level) ? level : "restricted";
}

/** True when a namespace at `actual` must meet the controls of `required` (restricted includes baseline). */
export function levelRequires(actual: PssLevel, required: Exclude<PssLevel, "privileged">): boolean {
    return PSS_LEVELS.indexOf(actual) >= PSS_LEVELS.indexOf(required);
}

/** True when the pod declares it runs on Windows (restricted's Linux-only controls do not apply to it). */
export function isWindowsPod(pod: PodView): boolean {
    return text(record(pod.spec["os"])?.["name"])?.toLowerCase() === "windows";
}
