import { strict as assert } from "node:assert";
import { ConfigError, parseConfig } from "../../config";
import { tlsOnlyBucketPolicy } from "../../infra/s3";
import { placement } from "../../infra/tiers";
import {
    AWS_PLUGIN_COMPATIBILITY,
    backupLifecycleRules,
    ttl,
    VELERO_AWS_PLUGIN_IMAGE,
    VELERO_PIN,
    VELERO_SERVICE_ACCOUNT,
    VELERO_UID,
    veleroPolicyDocument,
    veleroSettings,
    veleroValues,
    VeleroSettings,
} from "../../platform/velero";
import { chartMetadata, schemaErrors, unknownValueKeys } from "../support/chart-values";
import { rawConfigOf, withValue } from "../support/config";
import { PlanDocument, planFor, resourcesOfType, STACKS } from "../support/plans";
import { nodeGroupOf, otherReleasesReached, releaseOf } from "../support/releases";

type Values = Record<string, any>;

const BUCKET = "terrace-prod-velero-backups-1a2b3c";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0f0e0d0c-0b0a-0908-0706-050403020100";
const ROLE_ARN = "arn:aws:iam::111122223333:role/velero-role-abc";
const settings: VeleroSettings = { hourlyRetentionDays: 7, dailyRetentionDays: 30, protect: true };
const values = veleroValues({
    settings,
    applicationNamespaces: ["erp"],
    region: "eu-west-1",
    bucket: BUCKET,
    kmsKeyArn: KEY_ARN,
    roleArn: ROLE_ARN,
}) as Values;

describe("Velero", () => {
    it("pins the chart version and repository of the vendored chart", () => {
        assert.equal(VELERO_PIN.chart, chartMetadata("velero").name);
        assert.equal(VELERO_PIN.version, chartMetadata("velero").version);
        assert.equal(VELERO_PIN.repository, "https://vmware-tanzu.github.io/helm-charts");
    });

    it("uses the AWS plugin line the compatibility table gives for the chart's Velero version", () => {
        const veleroLine = chartMetadata("velero").appVersion.replace(/^v/, "").split(".").slice(0, 2).join(".");
        const pluginLine = AWS_PLUGIN_COMPATIBILITY[veleroLine];
        assert.ok(pluginLine, `the compatibility table has Velero ${veleroLine}`);
        assert.match(
            VELERO_AWS_PLUGIN_IMAGE,
            new RegExp(`^velero/velero-plugin-for-aws:v${pluginLine.replace(".", "\\.")}\\.\\d+$`),
        );
    });

    describe("values", () => {
        it("use only keys the chart declares and pass its values.schema.json", () => {
            assert.deepEqual(unknownValueKeys("velero", values), []);
            assert.deepEqual(schemaErrors("velero", values), []);
        });

        it("run the server on the system tier", () => {
            assert.deepEqual(values.nodeSelector, placement("system").nodeSelector);
            assert.deepEqual(values.tolerations, placement("system").tolerations);
        });

        it("install the AWS plugin as an init container into the plugins volume", () => {
            const [plugin, ...others] = values.initContainers as Values[];
            assert.deepEqual(others, []);
            assert.equal(plugin.name, "velero-plugin-for-aws");
            assert.equal(plugin.image, VELERO_AWS_PLUGIN_IMAGE);
            assert.deepEqual(plugin.volumeMounts, [{ mountPath: "/target", name: "plugins" }]);
        });

        it("meet the restricted Pod Security Standard the velero namespace enforces", () => {
            assert.deepEqual(values.podSecurityContext, {
                runAsNonRoot: true,
                runAsUser: VELERO_UID,
                runAsGroup: VELERO_UID,
                fsGroup: 65534,
                seccompProfile: { type: "RuntimeDefault" },
            });
            const containers = [values.containerSecurityContext, values.kubectl.containerSecurityContext];
            containers.push(...(values.initContainers as Values[]).map((c) => c.securityContext));
            for (const context of containers) {
                assert.equal(context.allowPrivilegeEscalation, false);
                assert.deepEqual(context.capabilities, { drop: ["ALL"] });
                assert.notEqual(context.runAsUser, 0);
            }
            assert.ok(VELERO_UID > 0);
        });

        it("authenticate with IRSA instead of a credentials Secret", () => {
            assert.deepEqual(values.credentials, { useSecret: false });
            assert.equal(values.serviceAccount.server.name, VELERO_SERVICE_ACCOUNT);
            assert.equal(values.serviceAccount.server.annotations["eks.amazonaws.com/role-arn"], ROLE_ARN);
        });

        it("store backups in the bucket, encrypted with the backup key, and snapshot EBS volumes in the region", () => {
            assert.deepEqual(values.configuration.backupStorageLocation, [
                {
                    name: "default",
                    provider: "aws",
                    bucket: BUCKET,
                    default: true,
                    accessMode: "ReadWrite",
                    config: { region: "eu-west-1", kmsKeyId: KEY_ARN },
                },
            ]);
            assert.deepEqual(values.configuration.volumeSnapshotLocation, [
                { name: "default", provider: "aws", config: { region: "eu-west-1" } },
            ]);
            assert.equal(values.snapshotsEnabled, true);
            assert.equal(values.deployNodeAgent, false);
        });

        it("back up the application namespaces every hour, for the configured days", () => {
            const hourly = values.schedules["applications-hourly"];
            assert.equal(hourly.schedule, "0 * * * *");
            assert.deepEqual(hourly.template.includedNamespaces, ["erp"]);
            assert.equal(hourly.template.ttl, "168h0m0s");
            assert.equal(hourly.template.snapshotVolumes, true);
        });

        it("back up the whole cluster, cluster-scoped resources included, every day", () => {
            const daily = values.schedules["cluster-daily"];
            assert.match(daily.schedule, /^\d+ \d+ \* \* \*$/);
            assert.deepEqual(daily.template.includedNamespaces, ["*"]);
            assert.equal(daily.template.includeClusterResources, true);
            assert.equal(daily.template.ttl, "720h0m0s");
        });
    });

    describe("settings", () => {
        const of = (stack: string) =>
            ((c) => veleroSettings(c.platform.velero, c.environment))(parseConfig(rawConfigOf(stack)));

        it("keep hourly backups 1, 3 and 7 days and daily backups 7, 14 and 30 days in dev, staging and prod", () => {
            assert.deepEqual(
                ["dev", "staging", "prod"].map((s) => [of(s).hourlyRetentionDays, of(s).dailyRetentionDays]),
                [
                    [1, 7],
                    [3, 14],
                    [7, 30],
                ],
            );
        });

        it("protect the bucket and key in prod only", () => {
            assert.deepEqual(
                ["dev", "staging", "prod"].map((s) => of(s).protect),
                [false, false, true],
            );
        });

        it("take configured retention over the environment's", () => {
            const config = parseConfig(withValue(rawConfigOf("prod"), "platform.velero.dailyRetentionDays", 90));
            assert.equal(veleroSettings(config.platform.velero, config.environment).dailyRetentionDays, 90);
        });

        it("refuse an hourly retention beyond 35 days, naming the key", () => {
            assert.throws(
                () => parseConfig(withValue(rawConfigOf("dev"), "platform.velero.hourlyRetentionDays", 60)),
                (e: unknown) => e instanceof ConfigError && e.key === "terrace:platform.velero.hourlyRetentionDays",
            );
        });
    });

    it("writes TTLs as Go durations", () => {
        assert.equal(ttl(1), "24h0m0s");
    });

    describe("IAM policy", () => {
        const statements = veleroPolicyDocument({ bucketArn: BUCKET_ARN, kmsKeyArn: KEY_ARN }).Statement as Values[];
        const actions = (s: Values) => (Array.isArray(s.Action) ? s.Action : [s.Action]) as string[];

        it("grants S3 actions on the backup bucket and its objects only", () => {
            for (const s of statements.filter((st) => actions(st).some((a) => a.startsWith("s3:")))) {
                for (const resource of s.Resource as string[])
                    assert.ok([BUCKET_ARN, `${BUCKET_ARN}/*`].includes(resource), resource);
            }
        });

        it("grants the plugin's documented object actions and nothing wider", () => {
            const s3 = statements.flatMap(actions).filter((a) => a.startsWith("s3:"));
            assert.deepEqual(s3.sort(), [
                "s3:AbortMultipartUpload",
                "s3:DeleteObject",
                "s3:GetObject",
                "s3:ListBucket",
                "s3:ListMultipartUploadParts",
                "s3:PutObject",
            ]);
            assert.ok(!statements.flatMap(actions).some((a) => a.endsWith("*")), "no wildcard action");
        });

        it("grants use of the backup key only", () => {
            const kms = statements.filter((s) => actions(s).some((a) => a.startsWith("kms:")));
            assert.deepEqual(
                kms.map((s) => s.Resource),
                [[KEY_ARN]],
            );
        });

        it("grants the EBS snapshot actions the plugin documents", () => {
            const ec2 = statements.flatMap(actions).filter((a) => a.startsWith("ec2:"));
            assert.deepEqual(ec2.sort(), [
                "ec2:CreateSnapshot",
                "ec2:CreateTags",
                "ec2:CreateVolume",
                "ec2:DeleteSnapshot",
                "ec2:DescribeSnapshots",
                "ec2:DescribeVolumes",
            ]);
        });
    });

    describe("bucket", () => {
        it("refuses every request that does not use TLS, on the bucket and its objects", () => {
            const [statement] = tlsOnlyBucketPolicy(BUCKET_ARN).Statement as Values[];
            assert.equal(statement.Effect, "Deny");
            assert.equal(statement.Principal, "*");
            assert.equal(statement.Action, "s3:*");
            assert.deepEqual(statement.Resource, [BUCKET_ARN, `${BUCKET_ARN}/*`]);
            assert.deepEqual(statement.Condition, { Bool: { "aws:SecureTransport": "false" } });
        });

        it("never expires current backup objects: Velero deletes expired backups itself", () => {
            for (const rule of backupLifecycleRules(settings))
                assert.equal((rule.expiration as Values | undefined)?.days, undefined);
        });

        it("keeps deleted objects recoverable as noncurrent versions for the daily retention", () => {
            const rule = backupLifecycleRules(settings).find((r) => r.id === "expire-noncurrent-versions")!;
            assert.deepEqual(rule.noncurrentVersionExpiration, { noncurrentDays: 30 });
        });

        it("aborts multipart uploads left incomplete for a week", () => {
            const rule = backupLifecycleRules(settings).find((r) => r.id === "abort-incomplete-uploads")!;
            assert.deepEqual(rule.abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
        });
    });
});

describe("Velero in each stack's plan", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            let plan: PlanDocument;
            before(async () => {
                plan = await planFor(stack);
            });
            const only = (type: string) => {
                const found = resourcesOfType(plan, type).filter((r) => r.name.includes("velero"));
                assert.equal(found.length, 1, type);
                return found[0];
            };

            it("installs the pinned chart in the velero namespace", () => {
                const { inputs } = releaseOf(plan, "velero");
                assert.deepEqual(
                    [inputs.namespace, inputs.version, (inputs.repositoryOpts as Values).repo],
                    ["velero", VELERO_PIN.version, VELERO_PIN.repository],
                );
            });

            it("waits for the system node group and its IAM role, and for no other add-on", () => {
                const release = releaseOf(plan, "velero");
                assert.ok(release.dependencies.includes(nodeGroupOf(plan, "system").urn));
                assert.ok(release.dependencies.includes(only("aws:iam/role:Role").urn));
                assert.deepEqual(otherReleasesReached(plan, release), []);
            });

            it("lets only the velero service account in the velero namespace assume the role", () => {
                const trust = JSON.parse(String(only("aws:iam/role:Role").inputs.assumeRolePolicy));
                const conditions = Object.entries(trust.Statement[0].Condition.StringEquals as Record<string, string>);
                assert.deepEqual(
                    conditions.filter(([k]) => k.endsWith(":sub")).map(([, v]) => v),
                    ["system:serviceaccount:velero:velero"],
                );
            });

            it("blocks public access, versions, encrypts with its own key and refuses plain HTTP", () => {
                const block = only("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
                for (const flag of [
                    "blockPublicAcls",
                    "blockPublicPolicy",
                    "ignorePublicAcls",
                    "restrictPublicBuckets",
                ]) {
                    assert.equal(block[flag], true, flag);
                }
                const versioning = only("aws:s3/bucketVersioning:BucketVersioning").inputs;
                assert.deepEqual(versioning.versioningConfiguration, { status: "Enabled" });
                const [rule] = only(
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                ).inputs.rules as Values[];
                assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
                assert.equal(only("aws:kms/key:Key").inputs.enableKeyRotation, true);
                const policy = JSON.parse(String(only("aws:s3/bucketPolicy:BucketPolicy").inputs.policy));
                assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
                assert.ok(only("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"));
            });

            it(`${stack === "prod" ? "protects and retains" : "neither protects nor retains"} the bucket and key`, () => {
                for (const type of ["aws:s3/bucket:Bucket", "aws:kms/key:Key"]) {
                    const options = only(type).options ?? {};
                    assert.equal(options.protect ?? false, stack === "prod", `${type} protect`);
                    assert.equal(options.retainOnDelete ?? false, stack === "prod", `${type} retainOnDelete`);
                }
            });
        });
    }
});
