import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlatformOutputs } from "./outputs";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";
export type PlatformNamespaceKey = keyof PlatformOutputs["namespaces"];

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

/** The namespace names, as PlatformOutputs hands them to the apps. */
export function namespaceNames(): Record<PlatformNamespaceKey, string> {
    return Object.fromEntries(Object.entries(PLATFORM_NAMESPACES).map(([key, ns]) => [key, ns.name])) as Record<
        PlatformNamespaceKey,
        string
    >;
}

/** Creates every platform namespace with its Pod Security labels; children of `parent`, named `${prefix}-namespace-<name>`. */
export function createNamespaces(
    prefix: string,
    provider: k8s.Provider,
    parent: pulumi.Resource,
): Record<PlatformNamespaceKey, k8s.core.v1.Namespace> {
    const entries = Object.entries(PLATFORM_NAMESPACES).map(([key, ns]) => {
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
    return Object.fromEntries(entries) as Record<PlatformNamespaceKey, k8s.core.v1.Namespace>;
}
