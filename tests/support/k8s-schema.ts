/**
 * Validation of Kubernetes objects against the upstream OpenAPI schemas: the core API (kubernetes-models) and
 * the CRDs Terrace uses (cert-manager, prometheus-operator, Argo CD, Gateway API from @kubernetes-models/*;
 * Cilium's CiliumNetworkPolicy from the subset of its CRD below).
 *
 * The model packages are ESM (kubernetes-models 5, prometheus-operator 6) or CommonJS (the others). Their
 * `exports` maps only the `import` condition, so `require()` cannot resolve them even where Node 20.20 can load
 * ESM synchronously; they are loaded with dynamic `import()` once, in `loadSchemas()` (a mocha `before` hook),
 * after which `validateManifest` is synchronous.
 *
 * What the schemas do not catch: unknown fields (the generated validators allow additional properties). The
 * builders are typed with the same models' interfaces, so a misspelt field in apps/ fails `tsc` instead.
 */
import Ajv from "ajv";

type Validator = (obj: Record<string, unknown>) => string[];

const registry = new Map<string, Validator>();
let loading: Promise<void> | undefined;

// A real dynamic import: TypeScript (module commonjs) would otherwise compile `import()` into `require()`.
const importEsm = new Function("specifier", "return import(specifier)") as (
    specifier: string,
) => Promise<Record<string, unknown>>;

const key = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

interface AjvLikeError {
    readonly instancePath?: string;
    readonly dataPath?: string;
    readonly message?: string;
    readonly params?: Record<string, unknown>;
}

function formatErrors(errors: readonly AjvLikeError[] | undefined, fallback: string): string[] {
    if (!errors || errors.length === 0) return [fallback];
    return errors.map((e) => {
        const where = e.instancePath ?? e.dataPath ?? "";
        const detail = e.params && "allowedValues" in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : "";
        return `${where || "/"} ${e.message ?? "is invalid"}${detail}`;
    });
}

interface ModelClass {
    new (data: Record<string, unknown>): { validate(): void };
    apiVersion?: unknown;
    kind?: unknown;
}

function isModelClass(value: unknown): value is ModelClass {
    return (
        typeof value === "function" &&
        typeof (value as ModelClass).apiVersion === "string" &&
        typeof (value as ModelClass).kind === "string"
    );
}

/** Registers every model class found in a package's export tree, by its static apiVersion and kind. */
function registerModels(tree: unknown, seen = new Set<unknown>()): void {
    if (tree === null || (typeof tree !== "object" && typeof tree !== "function") || seen.has(tree)) return;
    seen.add(tree);
    if (isModelClass(tree)) {
        const Model = tree;
        const id = key(String(Model.apiVersion), String(Model.kind));
        if (!registry.has(id)) {
            registry.set(id, (obj) => {
                try {
                    new Model(obj).validate();
                    return [];
                } catch (err) {
                    const e = err as { errors?: AjvLikeError[]; message?: string };
                    return formatErrors(e.errors, e.message ?? String(err));
                }
            });
        }
        return;
    }
    for (const value of Object.values(tree as Record<string, unknown>)) registerModels(value, seen);
}

/**
 * The part of Cilium's CiliumNetworkPolicy CRD (cilium/cilium, pkg/k8s/apis/cilium.io/client/crds/v2/
 * ciliumnetworkpolicies.yaml, openAPIV3Schema) that Terrace writes: endpointSelector and ingress rules with
 * fromEndpoints/fromEntities and toPorts. Transcribed without descriptions; fields outside this subset are
 * refused (additionalProperties: false) so that using one means transcribing it here first.
 */
const labelSelector = {
    type: "object",
    additionalProperties: false,
    properties: {
        matchLabels: {
            type: "object",
            additionalProperties: {
                type: "string",
                maxLength: 63,
                pattern: "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$",
            },
        },
        matchExpressions: {
            type: "array",
            items: {
                type: "object",
                required: ["key", "operator"],
                properties: {
                    key: { type: "string" },
                    operator: { type: "string", enum: ["In", "NotIn", "Exists", "DoesNotExist"] },
                    values: { type: "array", items: { type: "string" } },
                },
            },
        },
    },
};

export const CILIUM_NETWORK_POLICY_SCHEMA = {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    properties: {
        apiVersion: { const: "cilium.io/v2" },
        kind: { const: "CiliumNetworkPolicy" },
        metadata: {
            type: "object",
            required: ["name"],
            properties: {
                name: {
                    type: "string",
                    pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                    maxLength: 253,
                },
                namespace: { type: "string" },
                labels: { type: "object", additionalProperties: { type: "string" } },
            },
        },
        spec: {
            type: "object",
            additionalProperties: false,
            anyOf: [
                { required: ["ingress"] },
                { required: ["ingressDeny"] },
                { required: ["egress"] },
                { required: ["egressDeny"] },
            ],
            oneOf: [{ required: ["endpointSelector"] }, { required: ["nodeSelector"] }],
            properties: {
                description: { type: "string" },
                endpointSelector: labelSelector,
                ingress: {
                    type: "array",
                    items: {
                        type: "object",
                        additionalProperties: false,
                        properties: {
                            fromEndpoints: { type: "array", items: labelSelector },
                            fromEntities: {
                                type: "array",
                                items: {
                                    type: "string",
                                    enum: [
                                        "all",
                                        "world",
                                        "cluster",
                                        "host",
                                        "init",
                                        "ingress",
                                        "unmanaged",
                                        "remote-node",
                                        "health",
                                        "none",
                                        "kube-apiserver",
                                    ],
                                },
                            },
                            toPorts: {
                                type: "array",
                                items: {
                                    type: "object",
                                    additionalProperties: false,
                                    properties: {
                                        ports: {
                                            type: "array",
                                            maxItems: 40,
                                            items: {
                                                type: "object",
                                                additionalProperties: false,
                                                properties: {
                                                    port: {
                                                        type: "string",
                                                        pattern:
                                                            "^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$",
                                                    },
                                                    endPort: { type: "integer", minimum: 0, maximum: 65535 },
                                                    protocol: {
                                                        type: "string",
                                                        enum: ["TCP", "UDP", "SCTP", "VRRP", "IGMP", "ANY"],
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
} as const;

function registerCilium(): void {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(CILIUM_NETWORK_POLICY_SCHEMA);
    registry.set(key("cilium.io/v2", "CiliumNetworkPolicy"), (obj) =>
        validate(obj) ? [] : formatErrors(validate.errors ?? [], "is invalid"),
    );
}

/** Loads every schema once; safe to call from several `before` hooks. */
export function loadSchemas(): Promise<void> {
    loading ??= (async () => {
        const packages = [
            "kubernetes-models",
            "@kubernetes-models/prometheus-operator",
            "@kubernetes-models/cert-manager",
            "@kubernetes-models/argo-cd",
            "@kubernetes-models/gateway-api",
        ];
        for (const name of packages) registerModels(await importEsm(name));
        registerCilium();
    })();
    return loading;
}

export function hasSchema(apiVersion: string, kind: string): boolean {
    return registry.has(key(apiVersion, kind));
}

/** Every apiVersion/kind with a schema, e.g. "apps/v1/Deployment". */
export function knownKinds(): string[] {
    return [...registry.keys()].sort();
}

/**
 * The schema errors of one object (`<json pointer> <message>`), empty when it is valid. An object without
 * apiVersion and kind, or of a kind with no schema here, is an error too: nothing goes unchecked silently.
 */
export function validateManifest(obj: unknown): string[] {
    if (registry.size === 0)
        throw new Error("validateManifest: call `await loadSchemas()` first (in a mocha before hook)");
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return ["/ must be an object"];
    const manifest = obj as Record<string, unknown>;
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== "string" || typeof kind !== "string") return ["/ must have string apiVersion and kind"];
    const validate = registry.get(key(apiVersion, kind));
    if (!validate) return [`/ has no schema for ${apiVersion} ${kind}`];
    return validate(manifest);
}

/** A Pulumi type token (`kubernetes:apps/v1:Deployment`, core as `core/v1`) as apiVersion and kind. */
export function manifestTypeOf(token: string): { apiVersion: string; kind: string } | undefined {
    const m = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(token);
    if (!m) return undefined;
    const apiVersion = m[1].startsWith("core/") ? m[1].slice("core/".length) : m[1];
    return { apiVersion, kind: m[2] };
}
