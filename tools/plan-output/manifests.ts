/**
 * The Kubernetes objects the program declares directly, as reviewable YAML: one file per object under
 * `manifests/<namespace>/` (`manifests/_cluster/` for cluster-scoped kinds). Objects inside Helm releases are not
 * here: Helm renders them at install time; their values are under `values/` (see values.ts).
 */
import * as YAML from "yaml";
import { isRecord, kubernetesObjectType, PlanDocument, PlanFile, PlanResource } from "./plan-document";

/** Directory of cluster-scoped objects; a leading underscore cannot clash with a namespace name (RFC 1123). */
export const CLUSTER_SCOPE_DIR = "_cluster";

/** Kinds that live outside namespaces (built-in and the CRDs the platform installs). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
    "APIService",
    "CSIDriver",
    "CSINode",
    "CertificateSigningRequest",
    "ClusterIssuer",
    "ClusterPolicy",
    "ClusterRole",
    "ClusterRoleBinding",
    "ClusterSecretStore",
    "CustomResourceDefinition",
    "FlowSchema",
    "GatewayClass",
    "IngressClass",
    "MutatingAdmissionPolicy",
    "MutatingWebhookConfiguration",
    "Namespace",
    "Node",
    "PersistentVolume",
    "PriorityClass",
    "PriorityLevelConfiguration",
    "RuntimeClass",
    "StorageClass",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
    "VolumeAttachment",
    "CiliumClusterwideNetworkPolicy",
]);

export interface ManifestObject {
    readonly resource: PlanResource;
    readonly manifest: Record<string, unknown>;
    /** Namespace, or undefined for cluster-scoped objects. */
    readonly namespace: string | undefined;
}

/**
 * The manifest of a plain Kubernetes object from its plan inputs: apiVersion and kind filled from the type when
 * absent, metadata.name from the resource name when Pulumi would auto-name it, keys in the usual order.
 */
export function manifestOf(r: PlanResource): ManifestObject | undefined {
    const t = kubernetesObjectType(r.type);
    if (!t) return undefined;
    const inputs = r.inputs;
    const metadata = isRecord(inputs.metadata) ? { ...inputs.metadata } : {};
    if (typeof metadata.name !== "string" || metadata.name === "") metadata.name = r.name;
    const clusterScoped = CLUSTER_SCOPED_KINDS.has(t.kind);
    // The API server puts a namespaced object without a namespace in `default` (as the policy CLI assumes).
    if (!clusterScoped && (typeof metadata.namespace !== "string" || metadata.namespace === ""))
        metadata.namespace = "default";
    const { apiVersion, kind, metadata: _ignored, ...rest } = inputs;
    void _ignored;
    const manifest: Record<string, unknown> = {
        apiVersion: typeof apiVersion === "string" ? apiVersion : t.apiVersion,
        kind: typeof kind === "string" ? kind : t.kind,
        metadata: orderMetadata(metadata),
        ...rest,
    };
    return { resource: r, manifest, namespace: clusterScoped ? undefined : String(metadata.namespace) };
}

function orderMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
    const { name, namespace, ...rest } = metadata;
    return { name, ...(namespace === undefined ? {} : { namespace }), ...rest };
}

/** A file-name-safe slug: lower case, `[a-z0-9.-]`. */
export function slug(value: string): string {
    const s = value
        .toLowerCase()
        .replace(/[^a-z0-9.-]+/g, "-")
        .replace(/^[-.]+|[-.]+$/g, "");
    return s === "" ? "unnamed" : s;
}

/** Suffixes `-2`, `-3`... to paths already taken, so two objects never overwrite each other. */
export function uniquePath(taken: Set<string>, dir: string, base: string, ext: string): string {
    let candidate = `${dir}/${base}${ext}`;
    for (let n = 2; taken.has(candidate); n++) candidate = `${dir}/${base}-${n}${ext}`;
    taken.add(candidate);
    return candidate;
}

/** One YAML file per object: `manifests/<namespace|_cluster>/<kind>-<name>.yaml`, headed by the object's URN. */
export function renderManifests(doc: Pick<PlanDocument, "resources">): PlanFile[] {
    const objects = doc.resources.map(manifestOf).filter((o): o is ManifestObject => o !== undefined);
    const taken = new Set<string>();
    const files: PlanFile[] = [];
    for (const o of objects) {
        const dir = `manifests/${o.namespace === undefined ? CLUSTER_SCOPE_DIR : slug(o.namespace)}`;
        const name = String((o.manifest.metadata as Record<string, unknown>).name);
        const file = uniquePath(taken, dir, `${slug(String(o.manifest.kind))}-${slug(name)}`, ".yaml");
        const content = `# ${o.resource.urn}\n${YAML.stringify(o.manifest, { lineWidth: 0, aliasDuplicateObjects: false })}`;
        files.push({ path: file, content });
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
}
