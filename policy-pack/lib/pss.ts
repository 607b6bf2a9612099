/**
 * The shared frame of the Pod Security Standards policies: each policy is one control of the Kubernetes
 * "Pod Security Standards" page, judged on the pod behind any workload kind, only in namespaces whose level
 * includes that control (restricted includes baseline; privileged includes nothing).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { TerraceResourcePolicy, finding } from "./policy";
import {
    NamespaceLevels,
    PSS_LEVELS,
    PodView,
    WORKLOAD_KINDS,
    kubernetesType,
    levelRequires,
    namespaceLevel,
    podOf,
    providerNamespace,
} from "./pods";
import { isUnknown, plainProps } from "./values";

export const PSS_PAGE = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";

/** The setting every PSS policy takes; a namespace it does not list is held to restricted. */
export const NAMESPACE_LEVELS_SCHEMA: PolicyConfigSchema = {
    properties: {
        namespaceLevels: {
            type: "object",
            description:
                "PSS level per namespace (privileged, baseline or restricted); unlisted namespaces are restricted.",
            additionalProperties: { type: "string", enum: [...PSS_LEVELS] },
            default: {},
        },
    },
};

export interface PssPolicyArgs {
    readonly name: string;
    readonly description: string;
    /** The profile the control belongs to. */
    readonly level: "baseline" | "restricted";
    /** The control id suffix from DESIGN.md, e.g. "host-namespaces". */
    readonly control: string;
    readonly remediationSteps: string;
    /** The findings (without the control prefix) for one pod; empty when it complies. */
    readonly check: (pod: PodView) => string[];
}

/** Builds one PSS policy (mandatory by default; the pack config may relax it per environment). */
export function pssPolicy(args: PssPolicyArgs): TerraceResourcePolicy {
    const control = `pss-${args.level}:${args.control}`;
    return {
        name: args.name,
        description: args.description,
        enforcementLevel: "mandatory",
        severity: args.level === "baseline" ? "high" : "medium",
        tags: ["kubernetes", "pod-security-standards", args.level],
        url: PSS_PAGE,
        remediationSteps: args.remediationSteps,
        controls: [control],
        configSchema: NAMESPACE_LEVELS_SCHEMA,
        validateResource: (resource, report) => {
            const parsed = kubernetesType(resource.type);
            if (!parsed || !WORKLOAD_KINDS.includes(parsed.kind)) return;
            const pod = podOf(resource.type, plainProps(resource.props), providerNamespace(resource.provider));
            // A namespace computed from another resource cannot be judged during preview; `up` judges it.
            if (!pod || isUnknown(pod.namespace)) return;
            const { namespaceLevels } = resource.getConfig<{ namespaceLevels?: NamespaceLevels }>();
            if (!levelRequires(namespaceLevel(pod.namespace, namespaceLevels), args.level)) return;
            for (const message of args.check(pod)) {
                report(finding([control], message));
            }
        },
    };
}

/** "pod" for the pod-level security context, else the container's label. */
export const POD = "pod";

export interface SecurityContextRef {
    /** "pod" or a container label ("container app"). */
    readonly who: string;
    /** The securityContext object (may be undefined or UNKNOWN). */
    readonly context: unknown;
}

/** The pod-level securityContext followed by every container's. */
export function securityContexts(pod: PodView): SecurityContextRef[] {
    return [
        { who: POD, context: pod.spec["securityContext"] },
        ...pod.containers.map((c) => ({ who: c.label, context: c.spec["securityContext"] })),
    ];
}

/** Container securityContexts only (fields that exist only on containers: privileged, capabilities, ...). */
export function containerContexts(pod: PodView): SecurityContextRef[] {
    return pod.containers.map((c) => ({ who: c.label, context: c.spec["securityContext"] }));
}
