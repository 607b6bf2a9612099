import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../config";
import { placement } from "./tiers";

export interface CoreDnsArgs {
    readonly clusterName: pulumi.Input<string>;
    readonly environment: Environment;
    /** The system node group: CoreDNS only becomes ACTIVE once pods can schedule there. */
    readonly systemNodes: pulumi.Resource;
}

/** CoreDNS add-on configuration (its JSON schema: `aws eks describe-addon-configuration --addon-name coredns`). */
export function coreDnsConfiguration(environment: Environment): Record<string, unknown> {
    const { nodeSelector, tolerations } = placement("system");
    return {
        replicaCount: environment === "prod" ? 3 : 2,
        nodeSelector,
        tolerations,
        podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
        topologySpreadConstraints: [
            {
                maxSkew: 1,
                topologyKey: "topology.kubernetes.io/zone",
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
        ],
    };
}

/** CoreDNS as an EKS add-on on the system tier. */
export class CoreDns extends pulumi.ComponentResource {
    readonly addon: aws.eks.Addon;

    constructor(name: string, args: CoreDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:infra:CoreDns", name, {}, opts);
        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: args.clusterName,
                addonName: "coredns",
                configurationValues: JSON.stringify(coreDnsConfiguration(args.environment)),
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
            },
            { parent: this, dependsOn: [args.systemNodes] },
        );
        this.registerOutputs({ addon: this.addon.addonName });
    }
}
