/**
 * Velero: backups of the cluster's objects to S3 and of its volumes as EBS snapshots. The bucket is versioned,
 * KMS-encrypted with its own rotating key, closed to the public, TLS-only and expires old versions; Velero reaches
 * it through an IRSA role holding the AWS plugin's documented policy scoped to that bucket and key. Schedules meet
 * the recovery point objective: hourly for the application namespaces, daily for the whole cluster.
 *
 * Platform (platform/index.ts) composes it as:
 *   const velero = new Velero(`${name}-velero`, {
 *       config, cluster, nodeGroups, namespace: namespaces.velero, // createNamespaces(...) in platform/namespaces.ts
 *       applicationNamespaces: [<the apps namespace, "erp" by default>],
 *   }, { parent: this });
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment } from "../config";
import type { VeleroConfig } from "../config/platform/velero";
import { irsaRole } from "../infra/irsa";
import { tlsOnlyBucketPolicy } from "../infra/s3";
import { placement } from "../infra/tiers";
import { PLATFORM_NAMESPACES } from "./namespaces";
import { ChartPin, pinnedRelease } from "./release";

/** tests/fixtures/charts/velero/Chart.yaml (appVersion 1.18.1); the repository is vmware-tanzu's. */
export const VELERO_PIN: ChartPin = {
    chart: "velero",
    version: "12.1.0",
    repository: "https://vmware-tanzu.github.io/helm-charts",
};

/**
 * velero-plugin-for-aws README, "Compatibility": the plugin line for each Velero line. Extend it from the README
 * when the chart moves to a new Velero minor version.
 */
export const AWS_PLUGIN_COMPATIBILITY: Readonly<Record<string, string>> = {
    "1.18": "1.14",
    "1.17": "1.13",
    "1.16": "1.12",
    "1.15": "1.11",
    "1.14": "1.10",
};

/**
 * The AWS plugin for the chart's Velero 1.18.1: plugin line v1.14.x (AWS_PLUGIN_COMPATIBILITY). Bump the plugin
 * together with Velero (docs/platform.md, "Upgrading the chart").
 */
export const VELERO_AWS_PLUGIN_IMAGE = "velero/velero-plugin-for-aws:v1.14.2";

/** The Kubernetes service account the chart creates for the server; the IRSA role trusts exactly this one. */
export const VELERO_SERVICE_ACCOUNT = "velero";

const DEFAULT_HOURLY_DAYS: Readonly<Record<Environment, number>> = { dev: 1, staging: 3, prod: 7 };
const DEFAULT_DAILY_DAYS: Readonly<Record<Environment, number>> = { dev: 7, staging: 14, prod: 30 };

export interface VeleroSettings {
    readonly hourlyRetentionDays: number;
    readonly dailyRetentionDays: number;
    /** Bucket and key are protected and retained on delete (prod). */
    readonly protect: boolean;
}

/** The environment's defaults under the configured values. Pure. */
export function veleroSettings(v: VeleroConfig, environment: Environment): VeleroSettings {
    return {
        hourlyRetentionDays: v.hourlyRetentionDays ?? DEFAULT_HOURLY_DAYS[environment],
        dailyRetentionDays: v.dailyRetentionDays ?? DEFAULT_DAILY_DAYS[environment],
        protect: environment === "prod",
    };
}

/** A Go duration Velero accepts as a backup TTL. */
export function ttl(days: number): string {
    return `${days * 24}h0m0s`;
}

/** Backup schedules (cron in UTC). Hourly: RPO of one hour for the applications. Daily: everything. Pure. */
export function veleroSchedules(
    settings: VeleroSettings,
    applicationNamespaces: readonly string[],
): Record<string, unknown> {
    const common = { storageLocation: "default", volumeSnapshotLocations: ["default"], snapshotVolumes: true };
    return {
        "applications-hourly": {
            disabled: false,
            schedule: "0 * * * *",
            useOwnerReferencesInBackup: false,
            template: {
                ...common,
                ttl: ttl(settings.hourlyRetentionDays),
                includedNamespaces: [...applicationNamespaces],
            },
        },
        "cluster-daily": {
            disabled: false,
            // Off the hour, so it never starts together with the hourly backup.
            schedule: "30 2 * * *",
            useOwnerReferencesInBackup: false,
            template: {
                ...common,
                ttl: ttl(settings.dailyRetentionDays),
                includedNamespaces: ["*"],
                includeClusterResources: true,
            },
        },
    };
}

export interface VeleroValuesInput {
    readonly settings: VeleroSettings;
    readonly applicationNamespaces: readonly string[];
    readonly region: string;
    readonly bucket: string;
    readonly kmsKeyArn: string;
    readonly roleArn: string;
}

/** The non-root user the server, the plugin copy and the CRD-upgrade job run as (distroless "nonroot"). */
export const VELERO_UID = 65532;

/** A container security context the restricted Pod Security Standard admits. */
const RESTRICTED_CONTAINER = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
};

/** Values for the velero chart. Pure. */
export function veleroValues(input: VeleroValuesInput): Record<string, unknown> {
    const system = placement("system");
    return {
        // The server and the CRD-upgrade hook job both read these.
        nodeSelector: system.nodeSelector,
        tolerations: system.tolerations,
        initContainers: [
            {
                name: "velero-plugin-for-aws",
                image: VELERO_AWS_PLUGIN_IMAGE,
                imagePullPolicy: "IfNotPresent",
                volumeMounts: [{ mountPath: "/target", name: "plugins" }],
                securityContext: RESTRICTED_CONTAINER,
            },
        ],
        // The velero namespace enforces the restricted Pod Security level (platform/namespaces.ts). The image's user
        // is named, not numeric, so runAsNonRoot needs a numeric runAsUser. fsGroup makes the projected IRSA token
        // readable (plugin README, IRSA set-up). The server and the CRD-upgrade job share these.
        podSecurityContext: {
            runAsNonRoot: true,
            runAsUser: VELERO_UID,
            runAsGroup: VELERO_UID,
            fsGroup: 65534,
            seccompProfile: { type: "RuntimeDefault" },
        },
        // readOnlyRootFilesystem also makes the chart mount an emptyDir at /tmp, where the server unpacks plugins.
        containerSecurityContext: RESTRICTED_CONTAINER,
        kubectl: { containerSecurityContext: RESTRICTED_CONTAINER },
        configuration: {
            backupStorageLocation: [
                {
                    name: "default",
                    provider: "aws",
                    bucket: input.bucket,
                    default: true,
                    accessMode: "ReadWrite",
                    // Objects are written with the backup key even if the bucket default ever changes.
                    config: { region: input.region, kmsKeyId: input.kmsKeyArn },
                },
            ],
            volumeSnapshotLocation: [{ name: "default", provider: "aws", config: { region: input.region } }],
            defaultVolumeSnapshotLocations: "aws:default",
        },
        serviceAccount: {
            server: {
                create: true,
                name: VELERO_SERVICE_ACCOUNT,
                annotations: { "eks.amazonaws.com/role-arn": input.roleArn },
            },
        },
        // IRSA, not a static access key in a Secret.
        credentials: { useSecret: false },
        backupsEnabled: true,
        snapshotsEnabled: true,
        // Volumes are EBS: snapshots, not file-level copies (no privileged node agent).
        deployNodeAgent: false,
        // Deterministic: the ServiceMonitor would otherwise appear only if the Prometheus CRDs happened to exist.
        metrics: {
            serviceMonitor: { autodetect: false, enabled: false },
            prometheusRule: { autodetect: false, enabled: false },
        },
        schedules: veleroSchedules(input.settings, input.applicationNamespaces),
    };
}

/**
 * The AWS plugin's documented policy (velero-plugin-for-aws README, "Set permissions for Velero"), with the S3
 * actions scoped to the backup bucket and KMS use of the backup key added; s3:PutObjectTagging is left out
 * because no BackupStorageLocation uses `tagging`. The EC2 snapshot actions cannot be scoped by resource: the
 * volumes and snapshots they act on do not exist yet when the policy is written. Pure.
 */
export function veleroPolicyDocument(args: { bucketArn: string; kmsKeyArn: string }): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EbsSnapshots",
                Effect: "Allow",
                Action: [
                    "ec2:DescribeVolumes",
                    "ec2:DescribeSnapshots",
                    "ec2:CreateTags",
                    "ec2:CreateVolume",
                    "ec2:CreateSnapshot",
                    "ec2:DeleteSnapshot",
                ],
                Resource: "*",
            },
            {
                Sid: "BackupObjects",
                Effect: "Allow",
                Action: [
                    "s3:GetObject",
                    "s3:DeleteObject",
                    "s3:PutObject",
                    "s3:AbortMultipartUpload",
                    "s3:ListMultipartUploadParts",
                ],
                Resource: [`${args.bucketArn}/*`],
            },
            { Sid: "BackupBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [args.bucketArn] },
            {
                Sid: "BackupKey",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"],
                Resource: [args.kmsKeyArn],
            },
        ],
    };
}

/**
 * Lifecycle: Velero deletes expired backups itself, so current objects never expire here; deleted or overwritten
 * objects stay recoverable as noncurrent versions for as long as the daily backups are kept. Pure.
 */
export function backupLifecycleRules(settings: VeleroSettings): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    return [
        {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: settings.dailyRetentionDays },
            expiration: { expiredObjectDeleteMarker: true },
        },
        {
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
    ];
}

export interface VeleroArgs {
    /** The stack's profile (dev, staging, prod): decides the defaults under the settings. */
    readonly environment: Environment;
    /** `terrace:platform.velero`. */
    readonly settings: VeleroConfig;
    /** The cluster: its provider, OIDC provider (IRSA) and region. */
    readonly cluster: ClusterInfo;
    /** The node groups; the release waits for the system tier the server runs on. */
    readonly nodeGroups: TierNodeGroups;
    /** The namespace (platform/namespaces.ts creates it with its Pod Security labels); the release waits for it. */
    readonly namespace: k8s.core.v1.Namespace;
    /** Namespaces backed up every hour; default ["erp"]. */
    readonly applicationNamespaces?: readonly string[];
}

/** Velero with its backup bucket, KMS key and IRSA role. */
export class Velero extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    readonly bucket: aws.s3.Bucket;
    readonly kmsKey: aws.kms.Key;
    readonly role: aws.iam.Role;

    constructor(name: string, args: VeleroArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:Velero", name, {}, opts);
        const settings = veleroSettings(args.settings, args.environment);
        // Backups must outlive a mistaken `pulumi destroy` in prod: protected, and kept if removed from the stack.
        const keep: pulumi.CustomResourceOptions = settings.protect ? { protect: true, retainOnDelete: true } : {};
        this.kmsKey = new aws.kms.Key(
            `${name}-key`,
            {
                description: pulumi.interpolate`Velero backups of ${args.cluster.name}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
            },
            { parent: this, ...keep },
        );
        this.bucket = new aws.s3.Bucket(
            `${name}-backups`,
            { forceDestroy: !settings.protect },
            { parent: this, ...keep },
        );
        const bucket = this.bucket.bucket;
        new aws.s3.BucketPublicAccessBlock(
            `${name}-backups-public-access`,
            {
                bucket,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            { parent: this },
        );
        new aws.s3.BucketVersioning(
            `${name}-backups-versioning`,
            { bucket, versioningConfiguration: { status: "Enabled" } },
            { parent: this },
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-backups-encryption`,
            {
                bucket,
                // Bucket keys cut KMS requests (and cost) by caching a bucket-level data key.
                rules: [
                    {
                        applyServerSideEncryptionByDefault: {
                            sseAlgorithm: "aws:kms",
                            kmsMasterKeyId: this.kmsKey.arn,
                        },
                        bucketKeyEnabled: true,
                    },
                ],
            },
            { parent: this },
        );
        new aws.s3.BucketPolicy(
            `${name}-backups-tls-only`,
            { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
            { parent: this },
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-backups-lifecycle`,
            { bucket, rules: backupLifecycleRules(settings) },
            { parent: this },
        );
        this.role = irsaRole(
            `${name}-role`,
            {
                cluster: args.cluster,
                // The trust policy needs the name itself; namespace names are fixed (platform/namespaces.ts).
                namespace: PLATFORM_NAMESPACES.velero.name,
                serviceAccount: VELERO_SERVICE_ACCOUNT,
                policyJson: pulumi
                    .all([this.bucket.arn, this.kmsKey.arn])
                    .apply(([bucketArn, kmsKeyArn]) => JSON.stringify(veleroPolicyDocument({ bucketArn, kmsKeyArn }))),
            },
            { parent: this },
        );
        const applicationNamespaces = args.applicationNamespaces ?? ["erp"];
        const values = pulumi.all([bucket, this.kmsKey.arn, this.role.arn]).apply(([bucketName, kmsKeyArn, roleArn]) =>
            veleroValues({
                settings,
                applicationNamespaces,
                region: args.cluster.region,
                bucket: bucketName,
                kmsKeyArn,
                roleArn,
            }),
        );
        this.release = pinnedRelease(
            `${name}-release`,
            { pin: VELERO_PIN, namespace: args.namespace.metadata.name, values },
            { parent: this, provider: args.cluster.provider, dependsOn: [args.nodeGroups.system] },
        );
        this.registerOutputs({ release: this.release, bucket: this.bucket, kmsKey: this.kmsKey, role: this.role });
    }
}
