/**
 * Jobs around the database: the schema migration that runs before the services that use the schema roll out,
 * and the daily pg_dump to a dedicated, encrypted S3 bucket with a retention lifecycle.
 *
 * Choice (docs/apps.md): a bucket of its own rather than Velero's. Dumps hold the whole ERP database, so they
 * get their own KMS key, their own retention and a role that can only add objects under one prefix.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo } from "../infra/cluster-info";
import { JOB_RESOURCES } from "../config/apps";
import { irsaRole } from "../infra/irsa";
import { tlsOnlyBucketPolicy } from "../infra/s3";
import { placement } from "../infra/tiers";
import { RUN_AS } from "./catalogue";
import {
    appLabels,
    asInput,
    containerResources,
    containerSecurityContext,
    digest,
    EnvVar,
    IConfigMap,
    ICronJob,
    IJob,
    INetworkPolicy,
    IPodSpec,
    IServiceAccount,
    NAME_LABEL,
    ObjectMeta,
    podSecurityContext,
    scratchVolume,
} from "./k8s";
import { INSTANCE_METADATA_CIDR, networkPolicy } from "./network-policies";
import { ServiceContext } from "./service";

export const MIGRATE_NAME = "db-migrate";
export const BACKUP_NAME = "db-backup";

/** The reference schema. Every statement is idempotent, so a re-run (new backend version) is harmless. */
export const REFERENCE_MIGRATIONS: Readonly<Record<string, string>> = {
    "0001_erp_schema.sql": [
        "CREATE SCHEMA IF NOT EXISTS erp;",
        "CREATE TABLE IF NOT EXISTS erp.schema_version (",
        "    version text PRIMARY KEY,",
        "    applied_at timestamptz NOT NULL DEFAULT now()",
        ");",
        "INSERT INTO erp.schema_version (version) VALUES ('0001') ON CONFLICT (version) DO NOTHING;",
        "",
    ].join("\n"),
};

/** Applies every file in order, each in one transaction; the first error fails the Job. */
export const PSQL_MIGRATE_COMMAND: readonly string[] = [
    "sh",
    "-c",
    'set -eu; for file in /migrations/*.sql; do echo "applying ${file}"; psql --no-psqlrc --set ON_ERROR_STOP=1 --single-transaction --file "${file}"; done',
];

/** Keys of the Secret both jobs read their connection from (libpq's variables, so no password on a command line). */
export const DATABASE_SECRET_KEYS = ["PGHOST", "PGPORT", "PGPASSWORD"] as const;

export interface DatabaseJobInput {
    readonly context: ServiceContext;
    /** The VPC range RDS lives in. */
    readonly databaseCidr: string;
    readonly databasePort: number;
    readonly database: { readonly name: string; readonly user: string };
}

export interface MigrationInput extends DatabaseJobInput {
    /** An image with psql (the postgres image), or the application's own image with `command`. */
    readonly image: string;
    /** Command override; default the psql loop over /migrations. */
    readonly command?: readonly string[];
    /** SQL files by name; applied in name order. */
    readonly migrations: Readonly<Record<string, string>>;
    /** What else should re-run the migration when it changes (the images of the services that use the schema). */
    readonly revision: unknown;
}

function jobLabels(name: string, component: string, ctx: ServiceContext): Record<string, string> {
    return appLabels(name, component, ctx.partOf, ctx.ownership);
}

function jobMeta(name: string, component: string, ctx: ServiceContext): ObjectMeta {
    return { name, namespace: ctx.namespace, labels: jobLabels(name, component, ctx) };
}

function libpqEnv(input: DatabaseJobInput): EnvVar[] {
    return [
        { name: "PGDATABASE", value: input.database.name },
        { name: "PGUSER", value: input.database.user },
        { name: "PGSSLMODE", value: "require" },
    ];
}

function jobServiceAccount(name: string, component: string, ctx: ServiceContext): IServiceAccount {
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: jobMeta(name, component, ctx),
        automountServiceAccountToken: false,
    };
}

/** A run-to-completion pod on the application tier, restricted, no API token. */
function jobPod(
    name: string,
    runAs: { user: number; group: number },
    rest: Pick<IPodSpec, "containers" | "initContainers" | "volumes">,
): IPodSpec {
    const place = placement("application");
    return {
        restartPolicy: "Never",
        serviceAccountName: name,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: podSecurityContext(runAs),
        nodeSelector: { ...place.nodeSelector },
        tolerations: place.tolerations.map((t) => ({ ...t })),
        ...rest,
    };
}

export interface MigrationManifests {
    readonly serviceAccount: IServiceAccount;
    readonly configMap: IConfigMap;
    readonly secret: ObjectMeta;
    readonly job: IJob;
    readonly networkPolicy: INetworkPolicy;
}

/**
 * The Job's name carries a digest of everything that should trigger a run (SQL, image, command, the services'
 * images): Job specs are immutable, so a change means a new Job, which Pulumi runs to completion before the
 * services that depend on it roll out.
 */
export function migrationManifests(input: MigrationInput): MigrationManifests {
    const ctx = input.context;
    const command = input.command ?? PSQL_MIGRATE_COMMAND;
    const run = digest({
        image: input.image,
        command,
        migrations: input.migrations,
        revision: input.revision,
        database: input.database,
    });
    const configName = `${MIGRATE_NAME}-sql-${digest(input.migrations)}`;
    const secret = `${MIGRATE_NAME}-secrets`;
    const tmp = scratchVolume("tmp", "/tmp");
    const labels = jobLabels(MIGRATE_NAME, "migration", ctx);
    return {
        serviceAccount: jobServiceAccount(MIGRATE_NAME, "migration", ctx),
        configMap: {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: jobMeta(configName, "migration", ctx),
            immutable: true,
            data: { ...input.migrations },
        },
        secret: jobMeta(secret, "migration", ctx),
        job: {
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: { ...jobMeta(`${MIGRATE_NAME}-${run}`, "migration", ctx) },
            spec: {
                backoffLimit: 3,
                activeDeadlineSeconds: 900,
                template: {
                    metadata: { labels },
                    spec: jobPod(MIGRATE_NAME, RUN_AS.postgres, {
                        containers: [
                            {
                                name: "migrate",
                                image: input.image,
                                imagePullPolicy: "IfNotPresent",
                                command: [...command],
                                env: libpqEnv(input),
                                envFrom: [{ secretRef: { name: secret } }],
                                resources: containerResources(JOB_RESOURCES),
                                securityContext: containerSecurityContext(),
                                volumeMounts: [
                                    { name: "migrations", mountPath: "/migrations", readOnly: true },
                                    tmp.mount,
                                ],
                            },
                        ],
                        volumes: [{ name: "migrations", configMap: { name: configName } }, tmp.volume],
                    }),
                },
            },
        },
        networkPolicy: networkPolicy({
            name: MIGRATE_NAME,
            namespace: ctx.namespace,
            labels,
            podSelector: { [NAME_LABEL]: MIGRATE_NAME },
            ingress: [],
            egress: [{ cidr: input.databaseCidr, ports: [input.databasePort] }],
        }),
    };
}

export interface BackupInput extends DatabaseJobInput {
    readonly pgDumpImage: string;
    readonly awsCliImage: string;
    /** Cron schedule, UTC. */
    readonly schedule: string;
    /** Scratch space for the dump, in GiB. */
    readonly scratchGiB: number;
    readonly bucket: string;
    /** Key prefix of the dumps in the bucket (no slashes at the ends). */
    readonly prefix: string;
    readonly region: string;
    /** The IRSA role the uploader assumes. */
    readonly roleArn: string;
}

/** Where EKS mounts the web identity token for IRSA; the AWS SDKs and CLI read it from here. */
export const IRSA_TOKEN_DIR = "/var/run/secrets/eks.amazonaws.com/serviceaccount";

export interface BackupManifests {
    readonly serviceAccount: IServiceAccount;
    readonly secret: ObjectMeta;
    readonly cronJob: ICronJob;
    readonly networkPolicy: INetworkPolicy;
}

/**
 * pg_dump (custom format) into an emptyDir in an init container, then the AWS CLI uploads it. The STS token is
 * projected explicitly (audience sts.amazonaws.com, useless against the Kubernetes API) instead of by the pod
 * identity webhook, so the pod needs no API token and does not depend on how the webhook treats
 * automountServiceAccountToken: false.
 */
export function backupManifests(input: BackupInput): BackupManifests {
    const ctx = input.context;
    const secret = `${BACKUP_NAME}-secrets`;
    const labels = jobLabels(BACKUP_NAME, "backup", ctx);
    const tmp = scratchVolume("tmp", "/tmp");
    const dumpFile = `/backup/${input.database.name}.dump`;
    const upload = `aws s3 cp "${dumpFile}" "s3://\${BACKUP_BUCKET}/\${BACKUP_PREFIX}/${input.database.name}-$(date -u +%Y%m%dT%H%M%SZ).dump" --only-show-errors`;
    const scratch = { request: "1Gi", limit: `${input.scratchGiB + 1}Gi` };
    return {
        serviceAccount: jobServiceAccount(BACKUP_NAME, "backup", ctx),
        secret: jobMeta(secret, "backup", ctx),
        cronJob: {
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: jobMeta(BACKUP_NAME, "backup", ctx),
            spec: {
                schedule: input.schedule,
                timeZone: "Etc/UTC",
                concurrencyPolicy: "Forbid",
                startingDeadlineSeconds: 3600,
                successfulJobsHistoryLimit: 3,
                failedJobsHistoryLimit: 3,
                jobTemplate: {
                    metadata: { labels },
                    spec: {
                        backoffLimit: 2,
                        activeDeadlineSeconds: 3 * 3600,
                        template: {
                            metadata: { labels },
                            spec: jobPod(BACKUP_NAME, RUN_AS.awsCli, {
                                initContainers: [
                                    {
                                        name: "pg-dump",
                                        image: input.pgDumpImage,
                                        imagePullPolicy: "IfNotPresent",
                                        command: [
                                            "pg_dump",
                                            "--format=custom",
                                            "--no-owner",
                                            "--no-privileges",
                                            `--file=${dumpFile}`,
                                        ],
                                        env: libpqEnv(input),
                                        envFrom: [{ secretRef: { name: secret } }],
                                        resources: containerResources(JOB_RESOURCES, scratch),
                                        securityContext: containerSecurityContext(RUN_AS.postgres),
                                        volumeMounts: [{ name: "backup", mountPath: "/backup" }, tmp.mount],
                                    },
                                ],
                                containers: [
                                    {
                                        name: "upload",
                                        image: input.awsCliImage,
                                        imagePullPolicy: "IfNotPresent",
                                        command: ["sh", "-c", upload],
                                        env: [
                                            { name: "BACKUP_BUCKET", value: input.bucket },
                                            { name: "BACKUP_PREFIX", value: input.prefix },
                                            { name: "HOME", value: "/tmp" },
                                            { name: "AWS_REGION", value: input.region },
                                            { name: "AWS_STS_REGIONAL_ENDPOINTS", value: "regional" },
                                            { name: "AWS_ROLE_ARN", value: input.roleArn },
                                            { name: "AWS_WEB_IDENTITY_TOKEN_FILE", value: `${IRSA_TOKEN_DIR}/token` },
                                        ],
                                        resources: containerResources(JOB_RESOURCES),
                                        securityContext: containerSecurityContext(RUN_AS.awsCli),
                                        volumeMounts: [
                                            { name: "backup", mountPath: "/backup", readOnly: true },
                                            tmp.mount,
                                            { name: "aws-iam-token", mountPath: IRSA_TOKEN_DIR, readOnly: true },
                                        ],
                                    },
                                ],
                                volumes: [
                                    { name: "backup", emptyDir: { sizeLimit: `${input.scratchGiB}Gi` } },
                                    tmp.volume,
                                    {
                                        name: "aws-iam-token",
                                        projected: {
                                            sources: [
                                                {
                                                    serviceAccountToken: {
                                                        audience: "sts.amazonaws.com",
                                                        expirationSeconds: 3600,
                                                        path: "token",
                                                    },
                                                },
                                            ],
                                        },
                                    },
                                ],
                            }),
                        },
                    },
                },
            },
        },
        networkPolicy: networkPolicy({
            name: BACKUP_NAME,
            namespace: ctx.namespace,
            labels,
            podSelector: { [NAME_LABEL]: BACKUP_NAME },
            ingress: [],
            egress: [
                { cidr: input.databaseCidr, ports: [input.databasePort] },
                // S3 and STS over HTTPS; their addresses are AWS's public ranges. Not the node's metadata service.
                { cidr: "0.0.0.0/0", except: [INSTANCE_METADATA_CIDR], ports: [443] },
            ],
        }),
    };
}

/** Lifecycle of the dump bucket: dumps expire after the retention, old versions a week later. */
export function backupLifecycleRules(
    retentionDays: number,
    prefix: string,
): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    return [
        {
            id: "expire-dumps",
            status: "Enabled",
            filter: { prefix: `${prefix}/` },
            expiration: { days: retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: 7 },
        },
        {
            id: "remove-expired-delete-markers",
            status: "Enabled",
            filter: { prefix: `${prefix}/` },
            expiration: { expiredObjectDeleteMarker: true },
        },
        {
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: { prefix: "" },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
    ];
}

/** The uploader may add dumps under its prefix and encrypt them with the bucket key; it cannot read or delete. */
export function backupRolePolicy(bucketArn: string, prefix: string, keyArn: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "PutDumps",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
                Resource: [`${bucketArn}/${prefix}/*`],
            },
            // Decrypt is needed to complete a multipart upload of an SSE-KMS object.
            {
                Sid: "EncryptDumps",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: [keyArn],
            },
        ],
    };
}

export interface DatabaseJobsArgs {
    readonly migration: MigrationInput;
    /** Backup settings without what this component creates (bucket, role); undefined disables the backup. */
    readonly backup?: Omit<BackupInput, "bucket" | "roleArn" | "region"> & { readonly retentionDays: number };
    readonly cluster: ClusterInfo;
    /** libpq's PGHOST/PGPORT/PGPASSWORD values (from the RDS outputs; the password is a Pulumi secret). */
    readonly connection: {
        readonly host: pulumi.Input<string>;
        readonly port: pulumi.Input<number>;
        readonly password: pulumi.Input<string>;
    };
    readonly namespaceReady: readonly pulumi.Resource[];
    /** The RDS instance: the migration needs it running. */
    readonly databaseInstance: pulumi.Resource;
    /** Protect the bucket and key (prod); default false. */
    readonly protect?: boolean;
    /** Tags for the AWS resources. */
    readonly tags?: Readonly<Record<string, string>>;
}

/** The migration Job and the backup CronJob with its bucket, key and role. */
export class DatabaseJobs extends pulumi.ComponentResource {
    /** The migration Job: services that use the schema wait for it. */
    readonly migration: k8s.batch.v1.Job;
    readonly backupBucket?: pulumi.Output<string>;

    constructor(name: string, args: DatabaseJobsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:DatabaseJobs", name, {}, opts);
        const ns = [...args.namespaceReady];
        const base: pulumi.CustomResourceOptions = { parent: this, dependsOn: ns };
        const stringData = {
            PGHOST: pulumi.output(args.connection.host),
            PGPORT: pulumi.output(args.connection.port).apply(String),
            PGPASSWORD: pulumi.output(args.connection.password),
        };

        const m = migrationManifests(args.migration);
        const migrateReady = [
            new k8s.core.v1.ServiceAccount(
                `${name}-migrate-sa`,
                asInput<k8s.core.v1.ServiceAccountArgs>(m.serviceAccount),
                base,
            ),
            new k8s.core.v1.ConfigMap(`${name}-migrate-sql`, asInput<k8s.core.v1.ConfigMapArgs>(m.configMap), base),
            new k8s.core.v1.Secret(`${name}-migrate-secret`, { metadata: m.secret, type: "Opaque", stringData }, base),
            new k8s.networking.v1.NetworkPolicy(
                `${name}-migrate-netpol`,
                asInput<k8s.networking.v1.NetworkPolicyArgs>(m.networkPolicy),
                base,
            ),
        ];
        this.migration = new k8s.batch.v1.Job(`${name}-migrate`, asInput<k8s.batch.v1.JobArgs>(m.job), {
            ...base,
            dependsOn: [...ns, ...migrateReady, args.databaseInstance],
        });

        if (args.backup) {
            const backup = args.backup;
            const protect = args.protect ?? false;
            const keep: pulumi.CustomResourceOptions = { parent: this, protect, retainOnDelete: protect };
            const tags = { ...args.tags };
            const key = new aws.kms.Key(
                `${name}-backup-key`,
                {
                    description: `Database dumps of ${pulumi.getStack()}`,
                    enableKeyRotation: true,
                    deletionWindowInDays: 30,
                    tags,
                },
                keep,
            );
            const bucket = new aws.s3.Bucket(`${name}-backups`, { forceDestroy: !protect, tags }, keep);
            const child: pulumi.CustomResourceOptions = { parent: this };
            new aws.s3.BucketPublicAccessBlock(
                `${name}-backups-public-access`,
                {
                    bucket: bucket.id,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                child,
            );
            new aws.s3.BucketOwnershipControls(
                `${name}-backups-ownership`,
                { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
                child,
            );
            new aws.s3.BucketServerSideEncryptionConfiguration(
                `${name}-backups-encryption`,
                {
                    bucket: bucket.id,
                    rules: [
                        {
                            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
                            bucketKeyEnabled: true,
                        },
                    ],
                },
                child,
            );
            const versioning = new aws.s3.BucketVersioning(
                `${name}-backups-versioning`,
                { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                child,
            );
            new aws.s3.BucketLifecycleConfiguration(
                `${name}-backups-lifecycle`,
                { bucket: bucket.id, rules: backupLifecycleRules(backup.retentionDays, backup.prefix) },
                { parent: this, dependsOn: [versioning] },
            );
            new aws.s3.BucketPolicy(
                `${name}-backups-tls-only`,
                { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
                child,
            );
            const role = irsaRole(
                `${name}-backup-role`,
                {
                    cluster: args.cluster,
                    namespace: backup.context.namespace,
                    serviceAccount: BACKUP_NAME,
                    policyJson: pulumi
                        .all([bucket.arn, key.arn])
                        .apply(([b, k]) => JSON.stringify(backupRolePolicy(b, backup.prefix, k))),
                },
                child,
            );
            this.backupBucket = bucket.bucket;

            const manifests = pulumi
                .all([bucket.bucket, role.arn])
                .apply(([bucketName, roleArn]) =>
                    backupManifests({ ...backup, bucket: bucketName, roleArn, region: args.cluster.region }),
                );
            const b = backupManifests({ ...backup, bucket: "", roleArn: "", region: args.cluster.region });
            const backupReady = [
                new k8s.core.v1.ServiceAccount(
                    `${name}-backup-sa`,
                    asInput<k8s.core.v1.ServiceAccountArgs>(b.serviceAccount),
                    base,
                ),
                new k8s.core.v1.Secret(
                    `${name}-backup-secret`,
                    { metadata: b.secret, type: "Opaque", stringData },
                    base,
                ),
                new k8s.networking.v1.NetworkPolicy(
                    `${name}-backup-netpol`,
                    asInput<k8s.networking.v1.NetworkPolicyArgs>(b.networkPolicy),
                    base,
                ),
            ];
            new k8s.batch.v1.CronJob(
                `${name}-backup`,
                {
                    metadata: asInput<k8s.types.input.meta.v1.ObjectMeta>(b.cronJob.metadata),
                    spec: manifests.apply((x) => asInput<k8s.types.input.batch.v1.CronJobSpec>(x.cronJob.spec)),
                },
                { ...base, dependsOn: [...ns, ...backupReady, role] },
            );
        }
        this.registerOutputs({ backupBucket: this.backupBucket });
    }
}
