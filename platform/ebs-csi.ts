/**
 * The EBS CSI driver as the EKS managed add-on (AWS patches it with the cluster), with its controller on the
 * system tier and IRSA for the AmazonEBSCSIDriverPolicy managed policy.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment } from "../config";
import { irsaRole } from "../infra/irsa";
import { helmPlacement } from "./release";

export const EBS_CSI_ADDON_NAME = "aws-ebs-csi-driver";
export const EBS_CSI_PROVISIONER = "ebs.csi.aws.com";
export const EBS_CSI_NAMESPACE = "kube-system";
/** The add-on's controller service account (fixed by the add-on). */
export const EBS_CSI_SERVICE_ACCOUNT = "ebs-csi-controller-sa";
export const EBS_CSI_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

/**
 * The add-on's configurationValues (its schema is the aws-ebs-csi-driver chart's values; check a new add-on
 * version with `aws eks describe-addon-configuration --addon-name aws-ebs-csi-driver --addon-version <v>`). Pure.
 */
export function ebsCsiConfiguration(environment: Environment): Record<string, unknown> {
    return {
        controller: {
            // Two controllers in prod (leader election); one is enough for dev, a restart only delays attachments.
            replicaCount: environment === "prod" ? 2 : 1,
            ...helmPlacement("system"),
        },
        node: {
            // The node plugin attaches volumes on every node: data-tier StatefulSets live on tainted nodes.
            tolerateAllTaints: true,
        },
    };
}

export interface EbsCsiDriverArgs {
    readonly environment: Environment;
    readonly cluster: ClusterInfo;
    /** The add-on becomes ACTIVE only once its controller runs, on the system tier. */
    readonly nodeGroups: TierNodeGroups;
}

/** The EBS CSI add-on and its IRSA role. */
export class EbsCsiDriver extends pulumi.ComponentResource {
    readonly addon: aws.eks.Addon;
    readonly role: aws.iam.Role;

    constructor(name: string, args: EbsCsiDriverArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:EbsCsiDriver", name, {}, opts);
        this.role = irsaRole(
            `${name}-role`,
            {
                cluster: args.cluster,
                namespace: EBS_CSI_NAMESPACE,
                serviceAccount: EBS_CSI_SERVICE_ACCOUNT,
                policyArns: [EBS_CSI_POLICY_ARN],
            },
            { parent: this },
        );
        this.addon = new aws.eks.Addon(
            `${name}-addon`,
            {
                clusterName: args.cluster.name,
                addonName: EBS_CSI_ADDON_NAME,
                serviceAccountRoleArn: this.role.arn,
                configurationValues: JSON.stringify(ebsCsiConfiguration(args.environment)),
                // The program is the source of truth for the add-on's settings.
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
            },
            { parent: this, dependsOn: [args.nodeGroups.system] },
        );
        this.registerOutputs({ addon: this.addon.arn, roleArn: this.role.arn });
    }
}
