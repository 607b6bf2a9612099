/**
 * HTTPRoutes for the public host names, attached to the HTTPS listener of the platform's shared Gateway (TLS
 * terminated there with the platform's cert-manager certificate; the HTTP listener only redirects to HTTPS).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformOutputs } from "../platform/outputs";
import { IHTTPRoute, Ownership, ownershipLabels } from "./k8s";

/** A filter of an HTTPRoute rule (the platform builds them; their schema is checked in the specs). */
type RouteFilter = NonNullable<NonNullable<NonNullable<IHTTPRoute["spec"]>["rules"]>[number]["filters"]>[number];

export interface RouteTarget {
    /** Route name and the key of the host name in PlatformOutputs.gateway.hostnames (app, api). */
    readonly name: string;
    /** Backend Service and port. */
    readonly service: string;
    readonly port: number;
}

/** UI on app.<domain>, API on api.<domain> (through the blue/green api-gateway Service). */
export const ROUTES: readonly RouteTarget[] = [
    { name: "app", service: "frontend", port: 80 },
    { name: "api", service: "api-gateway", port: 80 },
];

/** The host name of a route, from the platform; a missing one is a wiring error worth failing loudly on. */
export function hostnameFor(gateway: NonNullable<PlatformOutputs["gateway"]>, name: string): string {
    const hostname = gateway.hostnames[name];
    if (!hostname) {
        throw new Error(
            `the platform Gateway has no host name "${name}" (it has: ${Object.keys(gateway.hostnames).join(", ") || "none"})`,
        );
    }
    return hostname;
}

export function httpRoute(
    target: RouteTarget,
    gateway: NonNullable<PlatformOutputs["gateway"]>,
    namespace: string,
    ownership: Ownership,
): IHTTPRoute {
    return {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: {
            name: target.name,
            namespace,
            labels: { "app.kubernetes.io/part-of": "erp", ...ownershipLabels(ownership) },
        },
        spec: {
            parentRefs: [
                {
                    group: "gateway.networking.k8s.io",
                    kind: "Gateway",
                    name: gateway.name,
                    namespace: gateway.namespace,
                    sectionName: gateway.httpsSectionName,
                },
            ],
            hostnames: [hostnameFor(gateway, target.name)],
            rules: [
                {
                    matches: [{ path: { type: "PathPrefix", value: "/" } }],
                    // HSTS and any other response policy the platform requires of HTTPS routes.
                    filters: gateway.httpsRouteFilters.map((f) => ({ ...f }) as RouteFilter),
                    backendRefs: [{ group: "", kind: "Service", name: target.service, port: target.port }],
                },
            ],
        },
    };
}

export interface AppRoutesArgs {
    readonly gateway: NonNullable<PlatformOutputs["gateway"]>;
    readonly namespace: string;
    readonly ownership: Ownership;
    readonly namespaceReady: readonly pulumi.Resource[];
    /** The release that installs the Gateway API CRDs. */
    readonly gatewayApi: pulumi.Resource;
    /** The Services the routes point at; a route without its backend would only serve 500s. */
    readonly backends: readonly pulumi.Resource[];
}

export class AppRoutes extends pulumi.ComponentResource {
    /** Public URLs by route name. */
    readonly urls: Readonly<Record<string, string>>;

    constructor(name: string, args: AppRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:AppRoutes", name, {}, opts);
        const urls: Record<string, string> = {};
        for (const target of ROUTES) {
            const route = httpRoute(target, args.gateway, args.namespace, args.ownership);
            urls[target.name] = `https://${route.spec!.hostnames![0]}`;
            new k8s.apiextensions.CustomResource(`${name}-${target.name}`, route, {
                parent: this,
                dependsOn: [...args.namespaceReady, args.gatewayApi, ...args.backends],
            });
        }
        this.urls = urls;
        this.registerOutputs({ urls });
    }
}
