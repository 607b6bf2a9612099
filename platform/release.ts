import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { placement, TierName, Toleration } from "../infra/tiers";

/** A chart pinned to the version in ../shared/charts/<chart>/Chart.yaml (vendored at tests/fixtures/charts). */
export interface ChartPin {
    readonly chart: string;
    readonly version: string;
    readonly repository: string;
}

export interface PinnedReleaseArgs {
    readonly pin: ChartPin;
    readonly namespace: pulumi.Input<string>;
    readonly values: pulumi.Input<Record<string, unknown>>;
    /** Seconds Helm waits for the release to become ready; default 600. */
    readonly timeoutSeconds?: number;
    /** Helm release name; default the chart name, so in-cluster names (`helm list`, service accounts) are stable. */
    readonly releaseName?: string;
    /**
     * Do not wait for the workloads to become ready; default false. Only for a release that cannot be ready at
     * install time (Cilium is installed before any node exists). Without waiting, the release is not atomic.
     */
    readonly skipAwait?: boolean;
}

/** Releases kept by Helm for `helm rollback`; older ones are pruned so the release secrets do not pile up. */
export const MAX_HISTORY = 10;

/** Helm's default of 5 minutes is short for a first install that pulls images onto new nodes. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

/** The Release arguments for a pinned chart; pure, so the defaults are tested without a program run. */
export function pinnedReleaseArgs(args: PinnedReleaseArgs): k8s.helm.v3.ReleaseArgs {
    const wait = !(args.skipAwait ?? false);
    return {
        name: args.releaseName ?? args.pin.chart,
        chart: args.pin.chart,
        version: args.pin.version,
        repositoryOpts: { repo: args.pin.repository },
        namespace: args.namespace,
        // Namespaces are created (with their Pod Security labels) by platform/namespaces.ts, never by Helm.
        createNamespace: false,
        values: args.values,
        // Atomic rolls a failed install or upgrade back instead of leaving a half-applied release; Helm forces
        // a wait when atomic is set, so a release that must not wait cannot be atomic.
        atomic: wait,
        skipAwait: !wait,
        cleanupOnFail: true,
        maxHistory: MAX_HISTORY,
        timeout: args.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    };
}

/** A helm.v3.Release of a pinned chart (repositoryOpts.repo, version, namespace, atomic-safe defaults). */
export function pinnedRelease(
    name: string,
    args: PinnedReleaseArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(name, pinnedReleaseArgs(args), opts);
}

/** Scheduling values for a chart component (the usual `nodeSelector` and `tolerations` keys). */
export interface HelmPlacement {
    readonly nodeSelector: Record<string, string>;
    readonly tolerations?: Toleration[];
}

/**
 * Chart values that put a component on `tier`, from the tier table. Tolerations are only set when the tier has a
 * taint: an untainted tier (system) keeps the chart's own default tolerations, such as the Cilium operator's
 * tolerations of a not-ready node, which it needs because nodes stay not-ready until Cilium runs.
 */
export function helmPlacement(tier: TierName): HelmPlacement {
    const p = placement(tier);
    return p.tolerations.length > 0
        ? { nodeSelector: { ...p.nodeSelector }, tolerations: [...p.tolerations] }
        : { nodeSelector: { ...p.nodeSelector } };
}
