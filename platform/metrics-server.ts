/**
 * metrics-server (the resource metrics API that HorizontalPodAutoscalers and `kubectl top` read) as the EKS
 * add-on: there is no pinned chart for it, and AWS keeps the add-on compatible with the cluster version.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment } from "../config";
import { helmPlacement } from "./release";

export const METRICS_SERVER_ADDON_NAME = "metrics-server";

/**
 * The add-on's configurationValues (the metrics-server chart's values; check a new add-on version with
 * `aws eks describe-addon-configuration --addon-name metrics-server --addon-version <v>`). In prod two
 * replicas and a PDB keep HPAs working through a node drain. Pure.
 */
export function metricsServerConfiguration(environment: Environment): Record<string, unknown> {
    const ha = environment === "prod";
    return {
        replicas: ha ? 2 : 1,
        ...helmPlacement("system"),
        ...(ha ? { podDisruptionBudget: { enabled: true, maxUnavailable: 1 } } : {}),
    };
}

export interface MetricsServerArgs {
    readonly environment: Environment;
    readonly cluster: ClusterInfo;
    /** The add-on becomes ACTIVE only once its pods run, on the system tier. */
    readonly nodeGroups: TierNodeGroups;
}

/** The metrics-server EKS add-on. */
export function metricsServer(
    name: string,
    args: MetricsServerArgs,
    opts: pulumi.CustomResourceOptions,
): aws.eks.Addon {
    return new aws.eks.Addon(
        name,
        {
            clusterName: args.cluster.name,
            addonName: METRICS_SERVER_ADDON_NAME,
            configurationValues: JSON.stringify(metricsServerConfiguration(args.environment)),
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
        },
        { ...opts, dependsOn: [args.nodeGroups.system] },
    );
}
