import * as assert from "node:assert/strict";
import { TIER_LABEL_KEY } from "../../infra/tiers";
import {
    certificateManifest,
    GATEWAY_NAME,
    GATEWAY_TLS_SECRET,
    gatewayHostnames,
    gatewayManifest,
    hstsHeaderValue,
    hstsResponseHeaderFilter,
    HTTP_SECTION_NAME,
    HTTPS_SECTION_NAME,
    httpsRedirectRouteManifest,
    nlbAnnotations,
} from "../../platform/gateway";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Gateway, HTTPRoute } = require("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1") as Record<
    string,
    new (o: unknown) => { validate(): void }
>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Certificate } = require("@kubernetes-models/cert-manager/cert-manager.io/v1") as Record<
    string,
    new (o: unknown) => { validate(): void }
>;

type Values = Record<string, any>;

const annotations = nlbAnnotations({ environment: "prod", internetFacing: true, sourceRanges: ["0.0.0.0/0"] });
const gateway = gatewayManifest({
    namespace: "gateway",
    gatewayClassName: "cilium",
    annotations,
    routeNamespaces: ["erp"],
}) as Values;
const listener = (name: string) => (gateway.spec.listeners as Values[]).find((l) => l.name === name)!;

describe("ingress gateway", () => {
    describe("Gateway", () => {
        it("is a valid Gateway API object of the Cilium GatewayClass", () => {
            new Gateway(gateway).validate();
            assert.equal(gateway.metadata.name, GATEWAY_NAME);
            assert.equal(gateway.spec.gatewayClassName, "cilium");
        });

        it("terminates HTTPS on 443 with the cert-manager certificate", () => {
            const https = listener(HTTPS_SECTION_NAME);
            assert.equal(https.port, 443);
            assert.equal(https.protocol, "HTTPS");
            assert.equal(https.tls.mode, "Terminate");
            assert.deepEqual(https.tls.certificateRefs, [{ group: "", kind: "Secret", name: GATEWAY_TLS_SECRET }]);
        });

        it("lets only the application namespaces attach routes to HTTPS", () => {
            const selector = listener(HTTPS_SECTION_NAME).allowedRoutes.namespaces;
            assert.equal(selector.from, "Selector");
            assert.deepEqual(selector.selector.matchExpressions, [
                { key: "kubernetes.io/metadata.name", operator: "In", values: ["erp"] },
            ]);
        });

        it("keeps plain HTTP on 80 for its own namespace (the redirect and ACME challenges)", () => {
            const http = listener(HTTP_SECTION_NAME);
            assert.equal(http.port, 80);
            assert.equal(http.protocol, "HTTP");
            assert.deepEqual(http.allowedRoutes.namespaces, { from: "Same" });
        });

        it("hands its Service to the AWS Load Balancer Controller as an NLB", () => {
            assert.deepEqual(gateway.spec.infrastructure.annotations, annotations);
            assert.equal(annotations["service.beta.kubernetes.io/aws-load-balancer-type"], "external");
            assert.equal(annotations["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"], "instance");
        });
    });

    describe("NLB", () => {
        it("targets only the ingress tier's nodes, by the tier table's label", () => {
            assert.equal(
                annotations["service.beta.kubernetes.io/aws-load-balancer-target-node-labels"],
                `${TIER_LABEL_KEY}=ingress`,
            );
        });

        it("is internet-facing or internal as configured", () => {
            assert.equal(annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internet-facing");
            const internal = nlbAnnotations({
                environment: "dev",
                internetFacing: false,
                sourceRanges: ["10.0.0.0/8"],
            });
            assert.equal(internal["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internal");
            assert.equal(internal["service.beta.kubernetes.io/load-balancer-source-ranges"], "10.0.0.0/8");
        });

        it("balances across zones in prod only", () => {
            assert.equal(
                annotations["service.beta.kubernetes.io/aws-load-balancer-attributes"],
                "load_balancing.cross_zone.enabled=true",
            );
            const dev = nlbAnnotations({ environment: "dev", internetFacing: true, sourceRanges: ["0.0.0.0/0"] });
            assert.equal(
                dev["service.beta.kubernetes.io/aws-load-balancer-attributes"],
                "load_balancing.cross_zone.enabled=false",
            );
        });
    });

    describe("HTTP to HTTPS redirect", () => {
        const route = httpsRedirectRouteManifest("gateway") as Values;

        it("is a valid HTTPRoute on the plain-HTTP listener", () => {
            new HTTPRoute(route).validate();
            assert.deepEqual(route.spec.parentRefs, [
                {
                    group: "gateway.networking.k8s.io",
                    kind: "Gateway",
                    name: GATEWAY_NAME,
                    sectionName: HTTP_SECTION_NAME,
                },
            ]);
        });

        it("answers every path with a permanent redirect to https", () => {
            assert.deepEqual(route.spec.rules[0].matches, [{ path: { type: "PathPrefix", value: "/" } }]);
            assert.deepEqual(route.spec.rules[0].filters, [
                { type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } },
            ]);
        });
    });

    describe("certificate", () => {
        const hostnames = gatewayHostnames("dev.terrace.example.com", { app: "app", api: "api" });
        const certificate = certificateManifest({
            namespace: "gateway",
            dnsNames: Object.values(hostnames),
            issuer: "letsencrypt-staging",
        }) as Values;

        it("covers app.<domain> and api.<domain>", () => {
            assert.deepEqual(hostnames, { app: "app.dev.terrace.example.com", api: "api.dev.terrace.example.com" });
            assert.deepEqual(certificate.spec.dnsNames, ["app.dev.terrace.example.com", "api.dev.terrace.example.com"]);
        });

        it("is issued by the chosen ClusterIssuer into the Secret the HTTPS listener reads", () => {
            assert.deepEqual(certificate.spec.issuerRef, {
                group: "cert-manager.io",
                kind: "ClusterIssuer",
                name: "letsencrypt-staging",
            });
            assert.equal(certificate.spec.secretName, GATEWAY_TLS_SECRET);
        });

        it("is a valid cert-manager Certificate", () => {
            new Certificate(certificate).validate();
        });
    });

    describe("HSTS", () => {
        it("sets Strict-Transport-Security with the configured max-age on every subdomain", () => {
            assert.equal(hstsHeaderValue(31536000), "max-age=31536000; includeSubDomains");
        });

        it("is an HTTPRoute filter the apps can add to their HTTPS rules", () => {
            const route = {
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "HTTPRoute",
                metadata: { name: "app", namespace: "erp" },
                spec: {
                    parentRefs: [{ name: GATEWAY_NAME, namespace: "gateway", sectionName: HTTPS_SECTION_NAME }],
                    rules: [
                        { filters: [hstsResponseHeaderFilter(300)], backendRefs: [{ name: "frontend", port: 80 }] },
                    ],
                },
            };
            new HTTPRoute(route).validate();
        });
    });
});
