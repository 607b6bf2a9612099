/**
 * Kyverno and the Pod Security Standards policies of the kyverno-policies chart. The restricted profile applies
 * to the application namespaces; the baseline profile applies everywhere else, with a short, explicit list of
 * exemptions for the node agents that cannot run under it. Enforce (Deny) in staging and prod, Audit in dev.
 * Three admission controller replicas (and two of each other controller) with PDBs in prod.
 *
 * Platform (platform/index.ts) composes it as:
 *   const kyverno = new Kyverno(`${name}-kyverno`, {
 *       config, cluster, nodeGroups, namespace: namespaces.kyverno, // createNamespaces(...) in platform/namespaces.ts
 *       applicationNamespaces: [<the apps namespace, "erp" by default>],
 *   }, { parent: this });
 *   // crds.kyverno = kyverno.release
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment } from "../config";
import type { KyvernoConfig, ValidationFailureAction } from "../config/platform/kyverno";
import { placement } from "../infra/tiers";
import { ChartPin, pinnedRelease } from "./release";

const KYVERNO_REPOSITORY = "https://kyverno.github.io/kyverno/";

/** tests/fixtures/charts/kyverno/Chart.yaml (Kyverno v1.19.0). */
export const KYVERNO_PIN: ChartPin = { chart: "kyverno", version: "3.9.0", repository: KYVERNO_REPOSITORY };

/** tests/fixtures/charts/kyverno-policies/Chart.yaml: released with Kyverno, same version. */
export const KYVERNO_POLICIES_PIN: ChartPin = {
    chart: "kyverno-policies",
    version: "3.9.0",
    repository: KYVERNO_REPOSITORY,
};

/**
 * The policies the chart adds at the restricted level on top of baseline (templates/restricted/*.cel.yaml). They
 * are scoped to the application namespaces. disallow-proc-mount-strict only renders in later chart versions; it is
 * listed so an upgrade cannot silently widen the restricted profile to the whole cluster.
 */
export const RESTRICTED_ONLY_POLICIES = [
    "disallow-capabilities-strict",
    "disallow-privilege-escalation",
    "disallow-proc-mount-strict",
    "require-run-as-non-root-user",
    "require-run-as-nonroot",
    "restrict-seccomp-strict",
    "restrict-volume-types",
] as const;

/** The baseline policies (templates/baseline/*.cel.yaml); they apply in every namespace except the exemptions. */
export const BASELINE_POLICIES = [
    "disallow-capabilities",
    "disallow-host-namespaces",
    "disallow-host-path",
    "disallow-host-ports",
    "disallow-host-probes",
    "disallow-host-process",
    "disallow-privileged-containers",
    "disallow-proc-mount",
    "disallow-selinux",
    "restrict-apparmor-profiles",
    "restrict-seccomp",
    "restrict-sysctls",
] as const;

/** Namespaces no baseline policy applies to, and why. */
export const BASELINE_EXEMPT_NAMESPACES: Readonly<Record<string, string>> = {
    "kube-system":
        "EKS-owned; the node agents live here (Cilium agent and envoy, EBS CSI node plugin) and need privileged mode, " +
        "host networking, host paths and capabilities. Kyverno's own webhooks skip it too, so no admission webhook can " +
        "lock the control-plane add-ons out.",
};

/** Baseline policies that skip additional namespaces, and why (each is a workload that must reach the node). */
export const BASELINE_POLICY_EXEMPTIONS: Readonly<
    Record<string, { readonly namespaces: readonly string[]; readonly reason: string }>
> = {
    "disallow-host-namespaces": {
        namespaces: ["monitoring"],
        reason: "prometheus-node-exporter uses hostNetwork and hostPID",
    },
    "disallow-host-path": {
        namespaces: ["monitoring"],
        reason: "prometheus-node-exporter mounts /proc, /sys and / read-only",
    },
    "disallow-host-ports": { namespaces: ["monitoring"], reason: "prometheus-node-exporter listens on host port 9100" },
};

/** A CEL list literal of names: 'a', 'b'. Names are Kubernetes names, so they need no escaping. */
function celList(names: readonly string[]): string {
    return names.map((n) => `'${n}'`).join(", ");
}

export interface KyvernoPoliciesValuesInput {
    readonly validationFailureAction: ValidationFailureAction;
    readonly applicationNamespaces: readonly string[];
}

/** Values for the kyverno-policies chart. Pure. */
export function kyvernoPoliciesValues(input: KyvernoPoliciesValuesInput): Record<string, unknown> {
    if (input.applicationNamespaces.length === 0)
        throw new Error("kyverno-policies: at least one application namespace");
    const exempt = Object.keys(BASELINE_EXEMPT_NAMESPACES);
    // request.namespace (not object.metadata.namespace) is set on every namespaced request, even for a bare Pod
    // whose manifest omits its namespace.
    const onlyApplications = {
        matchConditions: [
            {
                name: "application-namespaces-only",
                expression: `request.namespace in [${celList(input.applicationNamespaces)}]`,
            },
        ],
    };
    const byPolicy: Record<string, unknown> = Object.fromEntries(
        RESTRICTED_ONLY_POLICIES.map((p) => [p, onlyApplications]),
    );
    for (const [policy, exemption] of Object.entries(BASELINE_POLICY_EXEMPTIONS)) {
        // A per-policy entry replaces vpolExclude, so it repeats the cluster-wide exemptions.
        byPolicy[policy] = { excludeNamespaces: [...exempt, ...exemption.namespaces] };
    }
    return {
        // CEL ValidatingPolicies (policies.kyverno.io); the legacy ClusterPolicy types are deprecated.
        policyType: "ValidatingPolicy",
        podSecurityStandard: "restricted",
        validationFailureAction: input.validationFailureAction,
        // Enforcing fails closed; auditing must not block a dev cluster while Kyverno restarts.
        failurePolicy: input.validationFailureAction === "Enforce" ? "Fail" : "Ignore",
        background: true,
        vpolExclude: { excludeNamespaces: exempt },
        vpolExcludeByPolicy: byPolicy,
    };
}

/** Replica counts: the Kyverno HA guide's three admission controllers and two of every other controller. */
export function kyvernoReplicas(ha: boolean): { admission: number; others: number } {
    return ha ? { admission: 3, others: 2 } : { admission: 1, others: 1 };
}

/** Values for the kyverno chart. Pure. */
export function kyvernoValues(input: { readonly ha: boolean }): Record<string, unknown> {
    const system = placement("system");
    const replicas = kyvernoReplicas(input.ha);
    const pdb = { enabled: input.ha, minAvailable: 1 };
    const controller = (component: string, count: number) => ({
        replicas: count,
        podDisruptionBudget: pdb,
        topologySpreadConstraints: input.ha
            ? [
                  {
                      maxSkew: 1,
                      topologyKey: "topology.kubernetes.io/zone",
                      whenUnsatisfiable: "ScheduleAnyway",
                      labelSelector: {
                          matchLabels: {
                              "app.kubernetes.io/component": component,
                              "app.kubernetes.io/instance": KYVERNO_PIN.chart,
                          },
                      },
                  },
              ]
            : [],
    });
    return {
        // Controllers, hook Jobs and test Pods all read the global placement.
        global: { nodeSelector: system.nodeSelector, tolerations: system.tolerations },
        admissionController: controller("admission-controller", replicas.admission),
        backgroundController: controller("background-controller", replicas.others),
        cleanupController: controller("cleanup-controller", replicas.others),
        reportsController: controller("reports-controller", replicas.others),
    };
}

export interface KyvernoSettings {
    readonly ha: boolean;
    readonly validationFailureAction: ValidationFailureAction;
}

/** The environment's defaults under the configured values. Pure. */
export function kyvernoSettings(kyverno: KyvernoConfig, environment: Environment): KyvernoSettings {
    return {
        ha: environment === "prod",
        validationFailureAction: kyverno.validationFailureAction ?? (environment === "dev" ? "Audit" : "Enforce"),
    };
}

export interface KyvernoArgs {
    /** The stack's profile (dev, staging, prod): decides the defaults under the settings. */
    readonly environment: Environment;
    /** `terrace:platform.kyverno`. */
    readonly settings: KyvernoConfig;
    /** The cluster whose Kubernetes provider installs the releases. */
    readonly cluster: ClusterInfo;
    /** The node groups; the release waits for the system tier its controllers run on. */
    readonly nodeGroups: TierNodeGroups;
    /** The namespace (platform/namespaces.ts creates it with its Pod Security labels); the releases wait for it. */
    readonly namespace: k8s.core.v1.Namespace;
    /** Namespaces held to the restricted profile; default ["erp"]. */
    readonly applicationNamespaces?: readonly string[];
}

/** Kyverno (admission, background, cleanup and reports controllers) and its Pod Security Standards policies. */
export class Kyverno extends pulumi.ComponentResource {
    /** The kyverno release; it installs the policy CRDs (PlatformOutputs.crds.kyverno). */
    readonly release: k8s.helm.v3.Release;
    /** The kyverno-policies release (the Pod Security Standards policies). */
    readonly policies: k8s.helm.v3.Release;

    constructor(name: string, args: KyvernoArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:Kyverno", name, {}, opts);
        const settings = kyvernoSettings(args.settings, args.environment);
        const provider = args.cluster.provider;
        const namespace = args.namespace.metadata.name;
        this.release = pinnedRelease(
            `${name}-release`,
            { pin: KYVERNO_PIN, namespace, values: kyvernoValues({ ha: settings.ha }) },
            { parent: this, provider, dependsOn: [args.nodeGroups.system] },
        );
        this.policies = pinnedRelease(
            `${name}-policies`,
            {
                pin: KYVERNO_POLICIES_PIN,
                namespace,
                values: kyvernoPoliciesValues({
                    validationFailureAction: settings.validationFailureAction,
                    applicationNamespaces: args.applicationNamespaces ?? ["erp"],
                }),
            },
            // The ValidatingPolicy CRD and the admission controller come with the kyverno release.
            { parent: this, provider, dependsOn: [this.release] },
        );
        this.registerOutputs({ release: this.release, policies: this.policies });
    }
}
