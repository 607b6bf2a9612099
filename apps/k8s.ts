/**
 * Kubernetes object types for the pure builders, and the few helpers every builder shares.
 *
 * The builders return plain objects typed with the kubernetes-models interfaces (type-only imports: nothing of
 * that ESM package is loaded at run time). The same upstream OpenAPI schemas validate every object of every
 * stack in tests/apps/schemas.spec.ts, so the types we write against and the schemas we check against agree.
 */
import { createHash } from "crypto";
import type { IApplication } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import type { IAppProject } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject";
import type { IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { ICronJob } from "kubernetes-models/batch/v1/CronJob";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import type { IRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { ILimitRange } from "kubernetes-models/v1/LimitRange";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { ResourcesConfig } from "../config/apps";

export type {
    IApplication,
    IAppProject,
    IConfigMap,
    IContainer,
    ICronJob,
    IDeployment,
    IHorizontalPodAutoscaler,
    IHTTPRoute,
    IJob,
    ILimitRange,
    INamespace,
    INetworkPolicy,
    IPodDisruptionBudget,
    IPodSecurityContext,
    IPodSpec,
    IProbe,
    IPrometheusRule,
    IResourceQuota,
    IRole,
    IRoleBinding,
    ISecurityContext,
    IService,
    IServiceAccount,
    IServiceMonitor,
    IStatefulSet,
};
export type ObjectMeta = NonNullable<IDeployment["metadata"]>;
export type LabelSelector = NonNullable<IDeployment["spec"]>["selector"];
export type ResourceRequirements = NonNullable<IContainer["resources"]>;
export type Volume = NonNullable<IPodSpec["volumes"]>[number];
export type VolumeMount = NonNullable<IContainer["volumeMounts"]>[number];
export type EnvVar = NonNullable<IContainer["env"]>[number];

/** The label every selector in the application layer keys on. */
export const NAME_LABEL = "app.kubernetes.io/name";
/** The blue/green colour of a pod (api-gateway). */
export const COLOUR_LABEL = "terrace.io/colour";
/** The pod template annotation that changes when the workload's Secret changes, so pods roll. */
export const SECRET_CHECKSUM_ANNOTATION = "terrace.io/secret-checksum";

/** Who owns and pays for a namespace's objects; on every object so cost reports can group by them. */
export interface Ownership {
    readonly environment: string;
    readonly team: string;
    readonly costCenter: string;
}

export function ownershipLabels(o: Ownership): Record<string, string> {
    return { environment: o.environment, team: o.team, "cost-center": o.costCenter };
}

/** The recommended labels plus ownership; `name` is also the selector label. */
export function appLabels(name: string, component: string, partOf: string, o: Ownership): Record<string, string> {
    return {
        [NAME_LABEL]: name,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": partOf,
        "app.kubernetes.io/managed-by": "pulumi",
        ...ownershipLabels(o),
    };
}

/** A short, stable digest of any JSON value (key order does not matter). */
export function digest(value: unknown, length = 10): string {
    return createHash("sha256").update(stableJson(value)).digest("hex").slice(0, length);
}

function stableJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

/** The identity a pod runs as. Numeric, because the kubelet can only verify runAsNonRoot for a numeric uid. */
export interface RunAs {
    readonly user: number;
    readonly group: number;
}

/**
 * The Pod Security Standards "restricted" pod context: non-root, RuntimeDefault seccomp; fsGroup so mounted
 * volumes are writable by the group, changed only when the root of the volume does not match (fast restarts).
 */
export function podSecurityContext(runAs: RunAs): IPodSecurityContext {
    return {
        runAsNonRoot: true,
        runAsUser: runAs.user,
        runAsGroup: runAs.group,
        fsGroup: runAs.group,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** The restricted container context: no escalation, no capabilities, read-only root filesystem. */
export function containerSecurityContext(runAs?: RunAs): ISecurityContext {
    return {
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        ...(runAs ? { runAsUser: runAs.user, runAsGroup: runAs.group } : {}),
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** Ephemeral storage every container requests and may use (logs, the /tmp emptyDir). */
export const EPHEMERAL_STORAGE = { request: "128Mi", limit: "512Mi" } as const;

/** Size cap of the /tmp emptyDir that replaces the read-only root filesystem's scratch space. */
export const TMP_SIZE_LIMIT = "128Mi";

/** Container resources from the config's requests/limits, plus ephemeral storage (a quota'd resource on EKS). */
export function containerResources(
    r: ResourcesConfig,
    ephemeral: { request: string; limit: string } = EPHEMERAL_STORAGE,
): ResourceRequirements {
    return {
        requests: { cpu: r.requests.cpu, memory: r.requests.memory, "ephemeral-storage": ephemeral.request },
        limits: { cpu: r.limits.cpu, memory: r.limits.memory, "ephemeral-storage": ephemeral.limit },
    };
}

/** An emptyDir volume and its mount; the only writable paths a container gets besides its data volumes. */
export function scratchVolume(
    name: string,
    mountPath: string,
    sizeLimit: string = TMP_SIZE_LIMIT,
): { volume: Volume; mount: VolumeMount } {
    return { volume: { name, emptyDir: { sizeLimit } }, mount: { name, mountPath } };
}

/**
 * Pulumi's input types wrap every field in `Input<>`; the plain objects built here are valid inputs as they are,
 * but quantities are typed `number | string` upstream and `string` in Pulumi. One cast, in one place.
 */
export function asInput<T>(value: unknown): T {
    return value as T;
}
