import { strict as assert } from "assert";
import { databaseParameters, POSTGRES_PORT } from "../../infra/database";
import { dependsTransitively, planFor, resourceNamed, resourcesOfType } from "../support/plans";

describe("database", () => {
    it("forces TLS through the parameter group", () => {
        assert.deepEqual(
            databaseParameters().find((p) => p.name === "rds.force_ssl"),
            { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
        );
    });

    describe("in the prod plan", () => {
        const instance = async () => resourceNamed(await planFor("prod"), "aws:rds/instance:Instance", "database");

        it("is encrypted with its own rotating KMS key and never public", async () => {
            const db = await instance();
            assert.equal(db.inputs.storageEncrypted, true);
            assert.match(String(db.inputs.kmsKeyId), /^arn:aws:kms:/);
            assert.equal(db.inputs.publiclyAccessible, false);
            assert.equal(
                resourceNamed(await planFor("prod"), "aws:kms/key:Key", "database-key").inputs.enableKeyRotation,
                true,
            );
        });

        it("is Multi-AZ, deletion-protected, protected and keeps a final snapshot", async () => {
            const db = await instance();
            assert.equal(db.inputs.multiAz, true);
            assert.equal(db.inputs.deletionProtection, true);
            assert.equal(db.inputs.skipFinalSnapshot, false);
            assert.equal(db.inputs.finalSnapshotIdentifier, "terrace-prod-final");
            assert.equal(db.options?.protect, true);
        });

        it("keeps backups, monitoring, logs and IAM authentication on", async () => {
            const db = await instance();
            assert.equal(db.inputs.backupRetentionPeriod, 30);
            assert.equal(db.inputs.performanceInsightsEnabled, true);
            assert.equal(db.inputs.monitoringInterval, 15);
            assert.deepEqual(db.inputs.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
            assert.equal(db.inputs.iamDatabaseAuthenticationEnabled, true);
            assert.equal(db.inputs.copyTagsToSnapshot, true);
            assert.equal(db.inputs.storageType, "gp3");
            assert.ok(Number(db.inputs.maxAllocatedStorage) > Number(db.inputs.allocatedStorage));
        });

        it("uses a non-default master user and a generated password kept secret", async () => {
            const db = await instance();
            assert.equal(db.inputs.username, "terrace_admin");
            assert.equal(db.inputs.password, "[secret]");
        });

        it("admits 5432 only from the database clients group that the nodes carry", async () => {
            const plan = await planFor("prod");
            const rules = resourcesOfType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
                (r) => r.parent?.endsWith("::database"),
            );
            assert.equal(rules.length, 1);
            assert.equal(rules[0].inputs.fromPort, POSTGRES_PORT);
            assert.equal(rules[0].inputs.cidrIpv4, undefined);
            const clients = resourceNamed(plan, "aws:ec2/securityGroup:SecurityGroup", "database-clients");
            for (const template of resourcesOfType(plan, "aws:ec2/launchTemplate:LaunchTemplate")) {
                assert.ok(template.dependencies.includes(clients.urn), template.name);
            }
        });

        it("does not wait for the EKS control plane", async () => {
            const plan = await planFor("prod");
            const db = await instance();
            const cluster = resourceNamed(plan, "eks:index:Cluster", "cluster");
            assert.equal(dependsTransitively(plan, db.urn, cluster.urn), false);
        });
    });

    it("skips the final snapshot and protection in dev, where deletion protection is off", async () => {
        const db = resourceNamed(await planFor("dev"), "aws:rds/instance:Instance", "database");
        assert.equal(db.inputs.multiAz, false);
        assert.equal(db.inputs.skipFinalSnapshot, true);
        assert.equal(db.options?.protect, undefined);
    });
});
