import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * Gateway API CRDs. Cilium 1.20 implements Gateway API v1.6.1 (its release notes) and its operator reads the
 * CRDs when it starts, so they are installed before the Cilium release. v1.6 carries TLSRoute in the standard
 * channel, so the standard bundle is all Cilium needs (no experimental CRDs in the cluster).
 */
export const GATEWAY_API_VERSION = "v1.6.1";

/** The release asset of the standard channel for a Gateway API version. */
export function gatewayApiCrdsUrl(version: string = GATEWAY_API_VERSION): string {
    if (!/^v\d+\.\d+\.\d+$/.test(version)) throw new Error(`Gateway API version must look like v1.6.1, got ${version}`);
    return `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;
}

export interface GatewayApiCrdsArgs {
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
    /** Gateway API release; default GATEWAY_API_VERSION (the one the pinned Cilium supports). */
    readonly version?: string;
}

/**
 * The Gateway API CRDs as one resource, so the Cilium release, cert-manager and every Gateway or HTTPRoute can
 * depend on exactly this. The manifest is fetched by the Kubernetes provider at deploy time (yaml.v2 is a
 * provider-side component), so the program itself needs no network access.
 */
export function gatewayApiCrds(
    name: string,
    args: GatewayApiCrdsArgs,
    opts: pulumi.ComponentResourceOptions,
): k8s.yaml.v2.ConfigFile {
    return new k8s.yaml.v2.ConfigFile(
        name,
        { file: gatewayApiCrdsUrl(args.version) },
        { ...opts, provider: args.provider },
    );
}
