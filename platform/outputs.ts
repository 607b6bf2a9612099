import * as pulumi from "@pulumi/pulumi";

/** What the platform layer hands to the application layer. */
export interface PlatformOutputs {
    /** The shared Gateway on the ingress tier; apps attach HTTPRoutes to its HTTPS listener. */
    readonly gateway: {
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
    /** What a custom resource must depend on: the release (or CRD resource) that installs its CRDs. */
    readonly crds: {
        readonly certManager: pulumi.Resource;
        readonly prometheusOperator: pulumi.Resource;
        readonly argocd: pulumi.Resource;
        readonly gatewayApi: pulumi.Resource;
        readonly kyverno: pulumi.Resource;
    };
    /** Namespace names. */
    readonly namespaces: Readonly<
        Record<"gateway" | "certManager" | "argocd" | "monitoring" | "velero" | "kyverno", string>
    >;
}
