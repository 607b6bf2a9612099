import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { OptionalAddon } from "../config/platform/addons";
import type { PlatformNamespaceKey } from "./outputs";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";
export type { PlatformNamespaceKey } from "./outputs";

export interface PlatformNamespace {
    readonly name: string;
    /** The Pod Security Standard admission enforces in the namespace. */
    readonly enforce: PodSecurityLevel;
    /** Why the level is lower than restricted (empty when restricted). */
    readonly reason: string;
}

/**
 * The platform namespaces and the Pod Security level each needs. Names are fixed: the policy pack's settings
 * refer to them. Restricted unless a component cannot run under it. Cilium, the AWS Load Balancer Controller,
 * metrics-server and the EBS CSI driver live in kube-system, which EKS owns and Terrace does not label.
 */
export const PLATFORM_NAMESPACES: Readonly<Record<PlatformNamespaceKey, PlatformNamespace>> = {
    gateway: { name: "gateway", enforce: "restricted", reason: "" },
    certManager: { name: "cert-manager", enforce: "restricted", reason: "" },
    argocd: { name: "argocd", enforce: "restricted", reason: "" },
    monitoring: {
        name: "monitoring",
        enforce: "privileged",
        reason: "prometheus-node-exporter reads node metrics through hostNetwork, hostPID and hostPath mounts of /proc, /sys and /",
    },
    velero: { name: "velero", enforce: "restricted", reason: "" },
    kyverno: { name: "kyverno", enforce: "restricted", reason: "" },
};

export const POD_SECURITY_LABEL_PREFIX = "pod-security.kubernetes.io";

/**
 * Pod Security Admission labels: enforce the namespace's level, and audit and warn at restricted everywhere,
 * so anything a lower level lets through still shows up in the audit log and in kubectl warnings.
 */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    return {
        [`${POD_SECURITY_LABEL_PREFIX}/enforce`]: level,
        [`${POD_SECURITY_LABEL_PREFIX}/enforce-version`]: "latest",
        [`${POD_SECURITY_LABEL_PREFIX}/audit`]: "restricted",
        [`${POD_SECURITY_LABEL_PREFIX}/audit-version`]: "latest",
        [`${POD_SECURITY_LABEL_PREFIX}/warn`]: "restricted",
        [`${POD_SECURITY_LABEL_PREFIX}/warn-version`]: "latest",
    };
}

/** The add-on that owns each namespace; a namespace without one (cert-manager's) always exists. */
export const NAMESPACE_OWNERS: Readonly<Partial<Record<PlatformNamespaceKey, OptionalAddon>>> = {
    gateway: "gateway",
    argocd: "argocd",
    monitoring: "monitoring",
    velero: "velero",
    kyverno: "kyverno",
};

/** The namespaces of the enabled add-ons. Pure. */
export function namespaceKeys(addons: ReadonlySet<OptionalAddon>): PlatformNamespaceKey[] {
    return (Object.keys(PLATFORM_NAMESPACES) as PlatformNamespaceKey[]).filter((key) => {
        const owner = NAMESPACE_OWNERS[key];
        return owner === undefined || addons.has(owner);
    });
}

/** The namespace names, as PlatformOutputs hands them to the apps. */
export function namespaceNames(keys: readonly PlatformNamespaceKey[]): Partial<Record<PlatformNamespaceKey, string>> {
    return Object.fromEntries(keys.map((key) => [key, PLATFORM_NAMESPACES[key].name]));
}

/** Creates the given platform namespaces with their Pod Security labels; children of `parent`, named `${prefix}-namespace-<name>`. */
export function createNamespaces(
    prefix: string,
    keys: readonly PlatformNamespaceKey[],
    provider: k8s.Provider,
    parent: pulumi.Resource,
): Partial<Record<PlatformNamespaceKey, k8s.core.v1.Namespace>> {
    const entries = keys.map((key) => {
        const ns = PLATFORM_NAMESPACES[key];
        const resource = new k8s.core.v1.Namespace(
            `${prefix}-namespace-${ns.name}`,
            {
                metadata: {
                    // A fixed name (no Pulumi suffix): the policy pack, the docs and kubectl commands use it.
                    name: ns.name,
                    labels: { ...podSecurityLabels(ns.enforce), "app.kubernetes.io/part-of": "terrace-platform" },
                },
            },
            { parent, provider },
        );
        return [key, resource] as const;
    });
    return Object.fromEntries(entries);
}
