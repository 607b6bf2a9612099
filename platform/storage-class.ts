import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../config";
import { EBS_CSI_PROVISIONER } from "./ebs-csi";

/** The default StorageClass's name; PVCs that name no class get it. */
export const DEFAULT_STORAGE_CLASS = "gp3";

export const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

/**
 * The default StorageClass: encrypted gp3 through the EBS CSI driver. WaitForFirstConsumer creates a volume in
 * the zone of the node its pod is scheduled to (an EBS volume cannot cross zones). In prod the volume outlives
 * its claim (Retain), like every stateful resource in prod. Pure.
 */
export function storageClassSpec(environment: Environment): k8s.types.input.storage.v1.StorageClass {
    return {
        metadata: {
            name: DEFAULT_STORAGE_CLASS,
            annotations: { [DEFAULT_CLASS_ANNOTATION]: "true" },
        },
        provisioner: EBS_CSI_PROVISIONER,
        parameters: {
            type: "gp3",
            // Encrypted with the account's default EBS key (aws/ebs) unless a kmsKeyId parameter is added.
            encrypted: "true",
            "csi.storage.k8s.io/fstype": "ext4",
        },
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
        reclaimPolicy: environment === "prod" ? "Retain" : "Delete",
    };
}

export interface StorageClassArgs {
    readonly environment: Environment;
    readonly provider: k8s.Provider;
}

/** The default gp3 StorageClass. It needs no dependency: a claim waits until the CSI driver provisions it. */
export function defaultStorageClass(
    name: string,
    args: StorageClassArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.storage.v1.StorageClass {
    return new k8s.storage.v1.StorageClass(name, storageClassSpec(args.environment), {
        ...opts,
        provider: args.provider,
    });
}
