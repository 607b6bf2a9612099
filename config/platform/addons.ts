import { z } from "zod";
import type { AppsConfig } from "../apps";
import type { Environment } from "../infra";

/**
 * The add-on catalogue: which add-ons a stack may turn off, their default per profile, and what needs what. This
 * file is the one place that knows; the platform layer creates what is enabled, the application layer switches off
 * what needs a disabled add-on, and the config refuses a combination that cannot work, naming the key.
 */

/** Add-ons every stack runs: without them the cluster has no network, DNS, volumes or certificates. */
export const CORE_ADDONS = ["cilium", "coredns", "ebsCsi", "certManager"] as const;

/** Add-ons a stack can turn off with `terrace:platform.<addon>.enabled: false`. */
export const OPTIONAL_ADDONS = [
    "argocd",
    "monitoring",
    "velero",
    "kyverno",
    "metricsServer",
    "loadBalancerController",
    "gateway",
] as const;
export type OptionalAddon = (typeof OPTIONAL_ADDONS)[number];

export interface AddonDefinition {
    /** What it is, in the words of an error message ("the ingress gateway"). */
    readonly title: string;
    /** Whether it runs when its `enabled` key is not set, per profile. */
    readonly enabledByDefault: Readonly<Record<Environment, boolean>>;
    /** Optional add-ons it cannot work without: enabling it with one of them disabled is refused. */
    readonly needs: readonly OptionalAddon[];
}

const everywhere: Readonly<Record<Environment, boolean>> = { dev: true, staging: true, prod: true };

export const ADDONS: Readonly<Record<OptionalAddon, AddonDefinition>> = {
    argocd: { title: "Argo CD", enabledByDefault: everywhere, needs: [] },
    monitoring: {
        title: "kube-prometheus-stack (Prometheus, Alertmanager, Grafana)",
        enabledByDefault: everywhere,
        needs: [],
    },
    velero: { title: "Velero backups", enabledByDefault: everywhere, needs: [] },
    kyverno: { title: "Kyverno and its Pod Security policies", enabledByDefault: everywhere, needs: [] },
    metricsServer: { title: "metrics-server", enabledByDefault: everywhere, needs: [] },
    loadBalancerController: { title: "the AWS Load Balancer Controller", enabledByDefault: everywhere, needs: [] },
    // The gateway's Service is an NLB that only the load balancer controller provisions (ADR 0002).
    gateway: { title: "the ingress gateway", enabledByDefault: everywhere, needs: ["loadBalancerController"] },
};

/** `enabled`, the field every optional add-on's section has. */
export const enabledField = z.boolean().optional();

/** The `enabled` key of each optional add-on, as read from `terrace:platform`. */
export type AddonSwitches = Readonly<Partial<Record<OptionalAddon, { readonly enabled?: boolean }>>>;

/**
 * The optional add-ons that run, in catalogue order: each one's `enabled` key, else the profile's default. An add-on
 * left to its default is switched off with an add-on it needs (turning off the load balancer controller turns off
 * the gateway too); one explicitly enabled stays on, and missingAddonNeeds refuses the combination.
 */
export function enabledAddons(switches: AddonSwitches, environment: Environment): ReadonlySet<OptionalAddon> {
    const enabled = new Set(
        OPTIONAL_ADDONS.filter((addon) => switches[addon]?.enabled ?? ADDONS[addon].enabledByDefault[environment]),
    );
    let changed = true;
    while (changed) {
        changed = false;
        for (const addon of [...enabled]) {
            const byDefault = switches[addon]?.enabled === undefined;
            if (byDefault && ADDONS[addon].needs.some((need) => !enabled.has(need))) {
                enabled.delete(addon);
                changed = true;
            }
        }
    }
    return enabled;
}

/** Whether `addon` runs in this stack (enabledAddons). */
export function addonEnabled(switches: AddonSwitches, environment: Environment, addon: OptionalAddon): boolean {
    return enabledAddons(switches, environment).has(addon);
}

/** What happens to a part of the stack that needs a disabled add-on. */
export type WhenDisabled =
    /** It is left out with the add-on (a ServiceMonitor without Prometheus would have nothing to read it). */
    | "switched off"
    /** The stack is refused, naming the key that asks for it (GitOps without Argo CD). */
    | "refused";

/**
 * Parts of the stack outside an add-on that need it. `inUse` names the config key that asks for the part (for a
 * refusal) or undefined when the stack does not use it; "switched off" parts need no `inUse`.
 */
export interface AddonDependent<Config> {
    readonly what: string;
    readonly needs: OptionalAddon;
    readonly whenDisabled: WhenDisabled;
    readonly inUse?: (config: Config) => string | undefined;
}

/**
 * An add-on is disabled while another, explicitly enabled, add-on needs it: one problem per pair, on the disabled
 * one's key (an add-on left to its default is switched off instead, by enabledAddons).
 */
export function missingAddonNeeds(
    enabled: ReadonlySet<OptionalAddon>,
): { key: string; given: false; allowed: string }[] {
    const problems: { key: string; given: false; allowed: string }[] = [];
    for (const addon of enabled) {
        for (const need of ADDONS[addon].needs) {
            if (!enabled.has(need)) {
                problems.push({
                    key: `terrace:platform.${need}.enabled`,
                    given: false,
                    allowed: `true while ${ADDONS[addon].title} is enabled (it needs ${ADDONS[need].title}), or set terrace:platform.${addon}.enabled: false too`,
                });
            }
        }
    }
    return problems;
}

/** The parts of the application layer that need an optional add-on: the one table the layers and the config follow. */
export const APP_ADDON_DEPENDENTS: readonly AddonDependent<{ readonly apps: AppsConfig }>[] = [
    { what: "the applications' ServiceMonitors and alert rules", needs: "monitoring", whenDisabled: "switched off" },
    {
        what: "the applications' routes (HTTPRoutes on the ingress gateway)",
        needs: "gateway",
        whenDisabled: "switched off",
    },
    {
        what: "GitOps for the application namespace (an Argo CD Application)",
        needs: "argocd",
        whenDisabled: "refused",
        inUse: (config) => (config.apps.gitops ? "terrace:apps.gitops" : undefined),
    },
    {
        // An HPA without metrics never scales: the workloads keep their minimum replicas instead.
        what: "the applications' HorizontalPodAutoscalers (they read CPU and memory from metrics-server)",
        needs: "metricsServer",
        whenDisabled: "switched off",
    },
];

/** A refused dependent whose add-on is disabled: one problem on the add-on's `enabled` key, naming the key that asks. */
export function refusedDependents<Config>(
    dependents: readonly AddonDependent<Config>[],
    config: Config,
    enabled: ReadonlySet<OptionalAddon>,
): { key: string; given: false; allowed: string }[] {
    return dependents.flatMap((d) => {
        if (d.whenDisabled !== "refused" || enabled.has(d.needs)) return [];
        const usedBy = d.inUse?.(config);
        if (usedBy === undefined) return [];
        return [
            {
                key: `terrace:platform.${d.needs}.enabled`,
                given: false as const,
                allowed: `true while ${usedBy} is set (${d.what} needs ${ADDONS[d.needs].title}), or remove ${usedBy}`,
            },
        ];
    });
}
