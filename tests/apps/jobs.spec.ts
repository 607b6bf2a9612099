import * as assert from "node:assert/strict";
import { RUN_AS } from "../../apps/catalogue";
import {
    BackupInput,
    backupLifecycleRules,
    backupManifests,
    backupRolePolicy,
    IRSA_TOKEN_DIR,
    MigrationInput,
    migrationManifests,
    PSQL_MIGRATE_COMMAND,
    REFERENCE_MIGRATIONS,
} from "../../apps/jobs";
import { NAME_LABEL } from "../../apps/k8s";
import { tlsOnlyBucketPolicy } from "../../infra/s3";
import { placement } from "../../infra/tiers";
import { CONTEXT } from "./fixtures";

const database = { databaseCidr: "10.30.0.0/16", databasePort: 5432, database: { name: "erp", user: "terrace_admin" } };
const migration: MigrationInput = {
    context: CONTEXT,
    ...database,
    image: "public.ecr.aws/docker/library/postgres:17.6-alpine",
    migrations: REFERENCE_MIGRATIONS,
    revision: ["ghcr.io/stefanprodan/podinfo:6.9.1"],
};
const backup: BackupInput = {
    context: CONTEXT,
    ...database,
    pgDumpImage: "public.ecr.aws/docker/library/postgres:17.6-alpine",
    awsCliImage: "public.ecr.aws/aws-cli/aws-cli:2.27.50",
    schedule: "0 2 * * *",
    scratchGiB: 10,
    bucket: "erp-backups",
    prefix: "postgres/erp",
    region: "eu-west-1",
    roleArn: "arn:aws:iam::111122223333:role/db-backup",
};

describe("database jobs", () => {
    describe("migration Job", () => {
        const m = migrationManifests(migration);
        const pod = m.job.spec!.template.spec!;
        const [container] = pod.containers;

        it("applies the SQL files with psql, each in one transaction, stopping at the first error", () => {
            assert.deepEqual(container.command, [...PSQL_MIGRATE_COMMAND]);
            assert.match(PSQL_MIGRATE_COMMAND[2], /ON_ERROR_STOP=1 --single-transaction/);
            assert.deepEqual(m.configMap.data, REFERENCE_MIGRATIONS);
            assert.deepEqual(container.volumeMounts![0], {
                name: "migrations",
                mountPath: "/migrations",
                readOnly: true,
            });
        });

        it("ships a reference schema that is safe to apply again", () => {
            for (const sql of Object.values(REFERENCE_MIGRATIONS)) {
                for (const statement of sql
                    .split(";")
                    .map((s) => s.trim())
                    .filter(Boolean)) {
                    assert.match(statement, /IF NOT EXISTS|ON CONFLICT/, statement);
                }
            }
        });

        it("connects with libpq variables: the password comes from the Secret, TLS is required", () => {
            assert.deepEqual(container.env, [
                { name: "PGDATABASE", value: "erp" },
                { name: "PGUSER", value: "terrace_admin" },
                { name: "PGSSLMODE", value: "require" },
            ]);
            assert.deepEqual(container.envFrom, [{ secretRef: { name: "db-migrate-secrets" } }]);
        });

        it("gets a new name, and so runs again, when the SQL, the image or a service image changes", () => {
            const name = m.job.metadata!.name!;
            assert.match(name, /^db-migrate-[0-9a-f]{10}$/);
            assert.equal(migrationManifests({ ...migration }).job.metadata!.name, name);
            assert.notEqual(
                migrationManifests({ ...migration, revision: ["ghcr.io/stefanprodan/podinfo:6.9.2"] }).job.metadata!
                    .name,
                name,
            );
            assert.notEqual(
                migrationManifests({ ...migration, migrations: { ...REFERENCE_MIGRATIONS, "0002.sql": "SELECT 1;" } })
                    .job.metadata!.name,
                name,
            );
            assert.notEqual(
                migrationManifests({ ...migration, image: "public.ecr.aws/docker/library/postgres:17.7-alpine" }).job
                    .metadata!.name,
                name,
            );
        });

        it("runs once to completion, restricted, on the application tier, without an API token", () => {
            assert.equal(pod.restartPolicy, "Never");
            assert.equal(m.job.spec!.backoffLimit, 3);
            assert.equal(m.job.spec!.activeDeadlineSeconds, 900);
            assert.equal(pod.automountServiceAccountToken, false);
            assert.equal(pod.securityContext!.runAsUser, RUN_AS.postgres.user);
            assert.equal(container.securityContext!.readOnlyRootFilesystem, true);
            assert.deepEqual(pod.nodeSelector, placement("application").nodeSelector);
            assert.ok(container.resources?.limits?.cpu && container.resources.requests?.memory);
        });

        it("may reach the database and nothing else", () => {
            assert.deepEqual(m.networkPolicy.spec!.podSelector!.matchLabels, { [NAME_LABEL]: "db-migrate" });
            assert.deepEqual(m.networkPolicy.spec!.ingress, []);
            assert.deepEqual(m.networkPolicy.spec!.egress, [
                { to: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] },
            ]);
        });

        it("runs the application's own command when given one", () => {
            const own = migrationManifests({ ...migration, command: ["./erp", "migrate"] });
            assert.deepEqual(own.job.spec!.template.spec!.containers[0].command, ["./erp", "migrate"]);
        });
    });

    describe("backup CronJob", () => {
        const m = backupManifests(backup);
        const spec = m.cronJob.spec!;
        const pod = spec.jobTemplate.spec!.template.spec!;
        const [dump] = pod.initContainers!;
        const [upload] = pod.containers;

        it("runs daily at 02:00 UTC, never twice at once", () => {
            assert.equal(spec.schedule, "0 2 * * *");
            assert.equal(spec.timeZone, "Etc/UTC");
            assert.equal(spec.concurrencyPolicy, "Forbid");
        });

        it("dumps in pg_dump's custom format into a sized scratch volume", () => {
            assert.equal(dump.image, backup.pgDumpImage);
            assert.deepEqual(dump.command, [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file=/backup/erp.dump",
            ]);
            assert.deepEqual(pod.volumes![0], { name: "backup", emptyDir: { sizeLimit: "10Gi" } });
            assert.equal(dump.resources!.limits!["ephemeral-storage"], "11Gi");
            assert.equal(dump.securityContext!.runAsUser, RUN_AS.postgres.user);
            assert.deepEqual(dump.envFrom, [{ secretRef: { name: "db-backup-secrets" } }]);
        });

        it("uploads to the bucket under its prefix with a timestamped name", () => {
            assert.equal(upload.image, backup.awsCliImage);
            assert.match(
                upload.command![2],
                /aws s3 cp "\/backup\/erp\.dump" "s3:\/\/\$\{BACKUP_BUCKET\}\/\$\{BACKUP_PREFIX\}\/erp-\$\(date -u \+%Y%m%dT%H%M%SZ\)\.dump"/,
            );
            const env = Object.fromEntries(upload.env!.map((e) => [e.name, e.value]));
            assert.equal(env.BACKUP_BUCKET, "erp-backups");
            assert.equal(env.BACKUP_PREFIX, "postgres/erp");
            assert.equal(env.HOME, "/tmp");
            assert.equal(upload.securityContext!.runAsUser, RUN_AS.awsCli.user);
        });

        it("assumes its IRSA role with a projected STS token, not a Kubernetes API token", () => {
            const env = Object.fromEntries(upload.env!.map((e) => [e.name, e.value]));
            assert.equal(env.AWS_ROLE_ARN, backup.roleArn);
            assert.equal(env.AWS_WEB_IDENTITY_TOKEN_FILE, `${IRSA_TOKEN_DIR}/token`);
            const token = pod.volumes!.find((v) => v.name === "aws-iam-token")!;
            assert.deepEqual(token.projected!.sources![0].serviceAccountToken, {
                audience: "sts.amazonaws.com",
                expirationSeconds: 3600,
                path: "token",
            });
            assert.equal(pod.automountServiceAccountToken, false);
            assert.equal(m.serviceAccount.automountServiceAccountToken, false);
        });

        it("may reach the database and HTTPS endpoints, but not the instance metadata service", () => {
            assert.deepEqual(m.networkPolicy.spec!.egress, [
                { to: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] },
                {
                    to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }],
                    ports: [{ protocol: "TCP", port: 443 }],
                },
            ]);
        });
    });

    describe("backup bucket", () => {
        it("expires dumps after the retention and their old versions a week later", () => {
            const [expire, markers, uploads] = backupLifecycleRules(30, "postgres/erp");
            assert.deepEqual(expire.expiration, { days: 30 });
            assert.deepEqual(expire.filter, { prefix: "postgres/erp/" });
            assert.deepEqual(expire.noncurrentVersionExpiration, { noncurrentDays: 7 });
            assert.deepEqual(markers.expiration, { expiredObjectDeleteMarker: true });
            assert.deepEqual(uploads.abortIncompleteMultipartUpload, { daysAfterInitiation: 1 });
        });

        it("refuses requests without TLS", () => {
            const [deny] = tlsOnlyBucketPolicy("arn:aws:s3:::erp-backups").Statement as {
                Effect: string;
                Resource: string[];
                Condition: unknown;
            }[];
            assert.equal(deny.Effect, "Deny");
            assert.deepEqual(deny.Resource, ["arn:aws:s3:::erp-backups", "arn:aws:s3:::erp-backups/*"]);
            assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
        });

        it("lets the uploader only add objects under its prefix and use the bucket key", () => {
            const [put, kms] = backupRolePolicy(
                "arn:aws:s3:::erp-backups",
                "postgres/erp",
                "arn:aws:kms:eu-west-1:111122223333:key/k",
            ).Statement as {
                Action: string[];
                Resource: string[];
            }[];
            assert.deepEqual(put.Action, ["s3:PutObject", "s3:AbortMultipartUpload"]);
            assert.deepEqual(put.Resource, ["arn:aws:s3:::erp-backups/postgres/erp/*"]);
            assert.deepEqual(kms.Action, ["kms:GenerateDataKey", "kms:Decrypt"]);
            assert.deepEqual(kms.Resource, ["arn:aws:kms:eu-west-1:111122223333:key/k"]);
        });
    });
});
