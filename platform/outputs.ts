import * as pulumi from "@pulumi/pulumi";
import type { OptionalAddon } from "../config/platform/addons";

/** The platform namespaces, by key. */
export type PlatformNamespaceKey = "gateway" | "certManager" | "argocd" | "monitoring" | "velero" | "kyverno";

/** What the platform layer hands to the application layer. */
export interface PlatformOutputs {
    /** The optional add-ons that run in this stack (config/platform/addons.ts). */
    readonly addons: ReadonlySet<OptionalAddon>;
    /** The shared Gateway on the ingress tier; apps attach HTTPRoutes to its HTTPS listener. Undefined when disabled. */
    readonly gateway?: {
        readonly name: string;
        readonly namespace: string;
        /** Listener name for HTTPS routes. */
        readonly httpsSectionName: string;
        /** e.g. { app: "app.example.com", api: "api.example.com" } */
        readonly hostnames: Readonly<Record<string, string>>;
        /**
         * Filters every HTTPS route rule must carry: Cilium's Gateway cannot add response headers at the listener,
         * so HSTS is set per route (ADR 0002).
         */
        readonly httpsRouteFilters: readonly Readonly<Record<string, unknown>>[];
    };
    /** ClusterIssuer that workloads should use (Let's Encrypt prod in prod, staging elsewhere unless configured). */
    readonly clusterIssuer: string;
    /** Default StorageClass (encrypted gp3, WaitForFirstConsumer). */
    readonly storageClass: string;
    /**
     * What a custom resource must depend on: the release (or CRD resource) that installs its CRDs. An add-on that is
     * disabled has no entry: what needs it is switched off or refused (config/platform/addons.ts).
     */
    readonly crds: {
        readonly certManager: pulumi.Resource;
        readonly prometheusOperator?: pulumi.Resource;
        readonly argocd?: pulumi.Resource;
        readonly gatewayApi: pulumi.Resource;
        readonly kyverno?: pulumi.Resource;
        /**
         * CiliumNetworkPolicy: Cilium's operator registers the CRD when it starts, after the Cilium release (which
         * cannot wait: no node exists yet). An awaited release on the nodes proves the pod network works, so the
         * agent (which waits for the CRDs) runs: cert-manager, a core add-on, is that proof.
         */
        readonly ciliumPolicies: pulumi.Resource;
    };
    /** Names of the platform namespaces that exist in this stack (a disabled add-on's namespace is not created). */
    readonly namespaces: Readonly<Partial<Record<PlatformNamespaceKey, string>>>;
}
