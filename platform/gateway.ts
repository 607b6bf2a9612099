/**
 * The ingress gateway: one Gateway API Gateway implemented by Cilium, exposed through an NLB that the AWS Load
 * Balancer Controller creates for the Gateway's LoadBalancer Service. HTTPS with a cert-manager certificate for
 * every configured host, HTTP redirected to HTTPS (and left open for ACME HTTP-01 challenges). Cilium's Envoy
 * runs on every node (L7 policies need it), so the NLB registers only the ingress tier's nodes as targets:
 * traffic enters the cluster, and TLS terminates, on ingress nodes only. Why Cilium, and what it cannot do
 * (per-client rate limiting), is in docs/adr/0002-ingress-gateway.md.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo } from "../infra/cluster-info";
import type { Environment, PlatformConfig } from "../config";
import { tierLabels } from "../infra/tiers";

export const GATEWAY_NAME = "platform";
export const HTTP_SECTION_NAME = "http";
export const HTTPS_SECTION_NAME = "https";
/** The Secret cert-manager writes the gateway certificate to (in the gateway namespace). */
export const GATEWAY_TLS_SECRET = "platform-gateway-tls";

export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";

/** `{ app: "app" }` and `example.com` -> `{ app: "app.example.com" }`. Pure. */
export function gatewayHostnames(domain: string, labels: Readonly<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(Object.entries(labels).map(([name, label]) => [name, `${label}.${domain}`]));
}

/** `key=value[,key=value]`, the format of the controller's target-node-labels annotation. */
function labelSelectorAnnotation(labels: Record<string, string>): string {
    return Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
}

export interface NlbAnnotationsInput {
    readonly environment: Environment;
    readonly internetFacing: boolean;
    readonly sourceRanges: readonly string[];
}

/**
 * Annotations of the gateway's Service (set through the Gateway's spec.infrastructure, which Cilium copies to the
 * Service it creates), read by the AWS Load Balancer Controller. Pure.
 */
export function nlbAnnotations(input: NlbAnnotationsInput): Record<string, string> {
    return {
        // "external" hands the Service to the AWS Load Balancer Controller (not the legacy in-tree controller).
        "service.beta.kubernetes.io/aws-load-balancer-type": "external",
        // Instance targets (NodePorts) so the NLB can be limited to the ingress tier's nodes; IP targets would
        // point at the Service's endpoints, which a Cilium gateway does not have.
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "instance",
        "service.beta.kubernetes.io/aws-load-balancer-target-node-labels": labelSelectorAnnotation(
            tierLabels("ingress"),
        ),
        "service.beta.kubernetes.io/aws-load-balancer-scheme": input.internetFacing ? "internet-facing" : "internal",
        "service.beta.kubernetes.io/load-balancer-source-ranges": input.sourceRanges.join(","),
        // Across zones a client is not stuck on a zone whose ingress node is draining (prod has one per zone).
        "service.beta.kubernetes.io/aws-load-balancer-attributes": `load_balancing.cross_zone.enabled=${input.environment === "prod"}`,
    };
}

export interface GatewaySpecInput {
    readonly namespace: string;
    readonly gatewayClassName: string;
    readonly annotations: Record<string, string>;
    /** Namespaces whose HTTPRoutes may attach to the HTTPS listener. */
    readonly routeNamespaces: readonly string[];
}

/** The Gateway manifest: a plain-HTTP listener (redirect and ACME only) and one HTTPS listener. Pure. */
export function gatewayManifest(input: GatewaySpecInput): Record<string, unknown> {
    return {
        apiVersion: `${GATEWAY_API_GROUP}/v1`,
        kind: "Gateway",
        metadata: { name: GATEWAY_NAME, namespace: input.namespace },
        spec: {
            gatewayClassName: input.gatewayClassName,
            infrastructure: { annotations: input.annotations },
            listeners: [
                {
                    name: HTTP_SECTION_NAME,
                    protocol: "HTTP",
                    port: 80,
                    // Only routes in the gateway namespace: the HTTPS redirect and cert-manager's HTTP-01 solver
                    // routes (created next to the Certificate). Apps cannot serve plain HTTP.
                    allowedRoutes: {
                        namespaces: { from: "Same" },
                        kinds: [{ group: GATEWAY_API_GROUP, kind: "HTTPRoute" }],
                    },
                },
                {
                    name: HTTPS_SECTION_NAME,
                    protocol: "HTTPS",
                    port: 443,
                    tls: {
                        mode: "Terminate",
                        certificateRefs: [{ group: "", kind: "Secret", name: GATEWAY_TLS_SECRET }],
                    },
                    allowedRoutes: {
                        namespaces: {
                            from: "Selector",
                            selector: {
                                matchExpressions: [
                                    {
                                        key: "kubernetes.io/metadata.name",
                                        operator: "In",
                                        values: [...input.routeNamespaces],
                                    },
                                ],
                            },
                        },
                        kinds: [{ group: GATEWAY_API_GROUP, kind: "HTTPRoute" }],
                    },
                },
            ],
        },
    };
}

/** Every plain-HTTP request is redirected to HTTPS (ACME challenge routes match more exactly and win). Pure. */
export function httpsRedirectRouteManifest(namespace: string): Record<string, unknown> {
    return {
        apiVersion: `${GATEWAY_API_GROUP}/v1`,
        kind: "HTTPRoute",
        metadata: { name: `${GATEWAY_NAME}-https-redirect`, namespace },
        spec: {
            parentRefs: [
                { group: GATEWAY_API_GROUP, kind: "Gateway", name: GATEWAY_NAME, sectionName: HTTP_SECTION_NAME },
            ],
            rules: [
                {
                    matches: [{ path: { type: "PathPrefix", value: "/" } }],
                    filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }],
                },
            ],
        },
    };
}

/** The gateway certificate: one Secret with every configured host name. Pure. */
export function certificateManifest(input: {
    namespace: string;
    dnsNames: readonly string[];
    issuer: string;
}): Record<string, unknown> {
    return {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: { name: GATEWAY_TLS_SECRET, namespace: input.namespace },
        spec: {
            secretName: GATEWAY_TLS_SECRET,
            dnsNames: [...input.dnsNames],
            issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: input.issuer },
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        },
    };
}

/** The Strict-Transport-Security value: max-age, subdomains included (every host under the domain is HTTPS). */
export function hstsHeaderValue(maxAgeSeconds: number): string {
    return `max-age=${maxAgeSeconds}; includeSubDomains`;
}

/**
 * The HTTPRoute filter that adds HSTS to responses. Gateway API has no gateway-wide response header setting and
 * Cilium offers none, so every HTTPS HTTPRoute rule carries this filter (the apps layer adds it). Pure.
 */
export function hstsResponseHeaderFilter(maxAgeSeconds: number): Record<string, unknown> {
    return {
        type: "ResponseHeaderModifier",
        responseHeaderModifier: { set: [{ name: "Strict-Transport-Security", value: hstsHeaderValue(maxAgeSeconds) }] },
    };
}

export interface IngressGatewayArgs {
    readonly environment: Environment;
    readonly settings: PlatformConfig["gateway"];
    readonly domain: string;
    /** Namespaces whose HTTPRoutes may use the HTTPS listener (settings.routeNamespaces, else the apps namespace). */
    readonly routeNamespaces: readonly string[];
    readonly cluster: ClusterInfo;
    /** The gateway namespace (an Output of the Namespace resource). */
    readonly namespace: pulumi.Input<string>;
    /** Its name, known up front (manifests and outputs). */
    readonly namespaceName: string;
    readonly gatewayClassName: string;
    /** The Gateway API CRDs. */
    readonly gatewayApiCrds: pulumi.Resource;
    /** The Cilium release (the Gateway API controller). */
    readonly gatewayController: pulumi.Resource;
    /**
     * The AWS Load Balancer Controller release. The Gateway depends on it so that on destroy the Gateway (and the
     * Service and NLB it owns; Pulumi deletes in the foreground) goes while the controller can still delete the NLB.
     */
    readonly loadBalancerController: pulumi.Resource;
    /** The cert-manager release (the Certificate CRD). */
    readonly certManager: pulumi.Resource;
    /** The ClusterIssuer that signs the gateway certificate. */
    readonly issuer: { readonly name: string; readonly resource: pulumi.Resource };
}

/** The Gateway, its certificate and the HTTPS redirect. */
export class IngressGateway extends pulumi.ComponentResource {
    readonly gateway: k8s.apiextensions.CustomResource;
    readonly certificate: k8s.apiextensions.CustomResource;
    readonly redirect: k8s.apiextensions.CustomResource;
    /** Host name per configured name, e.g. { app: "app.example.com" }. */
    readonly hostnames: Record<string, string>;

    constructor(name: string, args: IngressGatewayArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:IngressGateway", name, {}, opts);
        const provider = args.cluster.provider;
        this.hostnames = gatewayHostnames(args.domain, args.settings.hostnames);
        const withNamespace = (manifest: Record<string, unknown>) =>
            ({
                ...manifest,
                metadata: { ...(manifest.metadata as object), namespace: args.namespace },
            }) as k8s.apiextensions.CustomResourceArgs;

        this.certificate = new k8s.apiextensions.CustomResource(
            `${name}-certificate`,
            withNamespace(
                certificateManifest({
                    namespace: args.namespaceName,
                    dnsNames: Object.values(this.hostnames),
                    issuer: args.issuer.name,
                }),
            ),
            { parent: this, provider, dependsOn: [args.certManager, args.issuer.resource] },
        );
        this.gateway = new k8s.apiextensions.CustomResource(
            `${name}-gateway`,
            withNamespace(
                gatewayManifest({
                    namespace: args.namespaceName,
                    gatewayClassName: args.gatewayClassName,
                    annotations: nlbAnnotations({
                        environment: args.environment,
                        internetFacing: args.settings.internetFacing,
                        sourceRanges: args.settings.sourceRanges,
                    }),
                    routeNamespaces: args.routeNamespaces,
                }),
            ),
            {
                parent: this,
                provider,
                dependsOn: [args.gatewayApiCrds, args.gatewayController, args.loadBalancerController],
            },
        );
        this.redirect = new k8s.apiextensions.CustomResource(
            `${name}-https-redirect`,
            withNamespace(httpsRedirectRouteManifest(args.namespaceName)),
            { parent: this, provider, dependsOn: [args.gatewayApiCrds] },
        );
        this.registerOutputs({ hostnames: this.hostnames });
    }
}
