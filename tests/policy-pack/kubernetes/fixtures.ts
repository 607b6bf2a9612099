/**
 * A small application stack that complies with every Kubernetes policy of the pack, and helpers to run one
 * policy on a mutated copy of it. Each spec mutates one field and asserts the exact violation.
 */
import type { TerracePolicy } from "../../../policy-pack/lib/policy";
import { PackConfig, PolicyResource, Violation, runPolicies } from "../../../policy-pack/lib/runner";
import { resource } from "../resources";

export { assertFindings, mutate } from "../resources";

export const IMAGE = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/erp/api:1.4.2";

/** Settings the pack config gives these policies in every stack. */
export const PACK_CONFIG: PackConfig = {
    "kubernetes-service-disallow-loadbalancer": { allowedLoadBalancers: ["gateway/*"] },
    "kubernetes-namespace-missing-default-deny": { platformNamespaces: ["gateway"] },
};

export function container(name = "app"): Record<string, unknown> {
    return {
        name,
        image: IMAGE,
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
        livenessProbe: { httpGet: { path: "/live", port: 8080 } },
    };
}

export function deployment(name = "api", namespace = "erp"): PolicyResource {
    return resource("kubernetes:apps/v1:Deployment", name, {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace },
        spec: {
            replicas: 2,
            selector: { matchLabels: { app: name } },
            template: {
                metadata: { labels: { app: name, tier: "application" } },
                spec: { serviceAccountName: name, containers: [container()] },
            },
        },
    });
}

/** The compliant stack: namespace, default deny, service account, deployment, PDB, HPA, service, gateway, routes, release. */
export function stack(): PolicyResource[] {
    return [
        resource("kubernetes:core/v1:Namespace", "erp", {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "erp" },
        }),
        resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "erp-default-deny", {
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "default-deny", namespace: "erp" },
            spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
        }),
        resource("kubernetes:core/v1:ServiceAccount", "api", {
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: { name: "api", namespace: "erp" },
            automountServiceAccountToken: false,
        }),
        deployment(),
        resource("kubernetes:policy/v1:PodDisruptionBudget", "api", {
            apiVersion: "policy/v1",
            kind: "PodDisruptionBudget",
            metadata: { name: "api", namespace: "erp" },
            spec: { maxUnavailable: 1, selector: { matchLabels: { app: "api" } } },
        }),
        resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "api", {
            apiVersion: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: { name: "api", namespace: "erp" },
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" },
                minReplicas: 2,
                maxReplicas: 6,
            },
        }),
        resource("kubernetes:core/v1:Service", "api", {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "api", namespace: "erp" },
            spec: { selector: { app: "api" }, ports: [{ port: 80, targetPort: 8080 }] },
        }),
        resource("kubernetes:gateway.networking.k8s.io/v1:Gateway", "public", {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "Gateway",
            metadata: { name: "public", namespace: "gateway" },
            spec: {
                gatewayClassName: "cilium",
                listeners: [
                    { name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } },
                    {
                        name: "https",
                        port: 443,
                        protocol: "HTTPS",
                        tls: { mode: "Terminate", certificateRefs: [{ name: "public-tls" }] },
                        allowedRoutes: { namespaces: { from: "All" } },
                    },
                ],
            },
        }),
        resource("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "https-redirect", {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: { name: "https-redirect", namespace: "gateway" },
            spec: {
                parentRefs: [{ name: "public", sectionName: "http" }],
                rules: [
                    { filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] },
                ],
            },
        }),
        resource("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "api", {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: { name: "api", namespace: "erp" },
            spec: {
                parentRefs: [{ name: "public", namespace: "gateway", sectionName: "https" }],
                hostnames: ["erp.example.com"],
                rules: [{ backendRefs: [{ name: "api", port: 80 }] }],
            },
        }),
        resource("kubernetes:networking.k8s.io/v1:Ingress", "legacy", {
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            metadata: { name: "legacy", namespace: "erp" },
            spec: {
                tls: [{ hosts: ["legacy.example.com"], secretName: "legacy-tls" }],
                rules: [{ host: "legacy.example.com", http: { paths: [] } }],
            },
        }),
        resource("kubernetes:helm.sh/v3:Release", "cert-manager", {
            name: "cert-manager",
            chart: "cert-manager",
            version: "v1.19.1",
            namespace: "cert-manager",
            repositoryOpts: { repo: "https://charts.jetstack.io" },
        }),
    ];
}

/** Runs one policy (with the pack's settings for it, overridable) over a list of resources. */
export function run(
    policy: TerracePolicy,
    resources: readonly PolicyResource[],
    settings?: Record<string, unknown>,
): Violation[] {
    const base = PACK_CONFIG[policy.name] as Record<string, unknown> | undefined;
    const entry = { ...(base ?? {}), ...(settings ?? {}) };
    return runPolicies(resources, Object.keys(entry).length ? { [policy.name]: entry } : {}, [policy]);
}
