import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DatabaseConfig, Environment } from "../config";
import { DatabaseInfo } from "./database-info";

export const POSTGRES_PORT = 5432;

export interface DatabaseArgs {
    /** RDS instance identifier, unique in the account and region (e.g. terrace-prod). */
    readonly identifier: string;
    readonly environment: Environment;
    /** Validated `terrace:database` settings. */
    readonly config: DatabaseConfig;
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets (one per AZ) for the subnet group. */
    readonly subnetIds: pulumi.Input<string>[];
    /** Days to keep exported PostgreSQL logs. */
    readonly logRetentionDays: number;
    /** Tags applied to every resource; default none. */
    readonly tags?: Record<string, string>;
}

/** Parameters of the instance's parameter group: TLS is mandatory, slow statements and connections logged. */
export function databaseParameters(): { name: string; value: string; applyMethod?: string }[] {
    return [
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
        { name: "log_connections", value: "1" },
        { name: "log_disconnections", value: "1" },
        { name: "log_min_duration_statement", value: "1000" },
    ];
}

/** Settings that differ between environments, decided in one place. */
export function protectionSettings(environment: Environment, config: DatabaseConfig, name: string) {
    const prod = environment === "prod";
    return {
        multiAz: config.multiAz,
        deletionProtection: config.deletionProtection,
        // A final snapshot whenever deletion protection is on: the data outlives an accidental destroy.
        skipFinalSnapshot: !config.deletionProtection,
        finalSnapshotIdentifier: config.deletionProtection ? `${name}-final` : undefined,
        protect: prod,
    };
}

/** RDS PostgreSQL in private subnets, reachable only from the cluster's nodes, encrypted, backed up, monitored. */
export class Database extends pulumi.ComponentResource {
    readonly info: DatabaseInfo;
    readonly instance: aws.rds.Instance;
    /** Security group whose members (the cluster's nodes) may reach the database. */
    readonly clientSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:infra:Database", name, {}, opts);
        const cfg = args.config;
        const tags = args.tags ?? {};
        const protection = protectionSettings(args.environment, cfg, args.identifier);
        const major = cfg.engineVersion;

        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Encryption of ${name} storage, snapshots and Performance Insights`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                tags,
            },
            { parent: this, protect: protection.protect, retainOnDelete: protection.protect },
        );
        const subnets = new aws.rds.SubnetGroup(
            `${name}-subnets`,
            { subnetIds: args.subnetIds, tags },
            { parent: this },
        );
        const securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            {
                vpcId: args.vpcId,
                description: `PostgreSQL ${name}: port ${POSTGRES_PORT} from the cluster nodes only`,
                tags,
            },
            { parent: this },
        );
        // The clients' group is made here, not taken from the cluster, so the database does not wait for the
        // control plane: the node launch templates carry it (and Cilium gives pod ENIs the node's groups).
        const clients = new aws.ec2.SecurityGroup(
            `${name}-clients`,
            { vpcId: args.vpcId, description: `Members may connect to PostgreSQL ${name}`, tags },
            { parent: this },
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-from-clients`,
            {
                securityGroupId: securityGroup.id,
                referencedSecurityGroupId: clients.id,
                ipProtocol: "tcp",
                fromPort: POSTGRES_PORT,
                toPort: POSTGRES_PORT,
                description: "PostgreSQL from the database clients group (EKS nodes)",
            },
            { parent: this },
        );
        const parameters = new aws.rds.ParameterGroup(
            `${name}-params`,
            {
                family: `postgres${major}`,
                description: `${name}: TLS required`,
                parameters: databaseParameters(),
                tags,
            },
            { parent: this },
        );
        const monitoringRole = new aws.iam.Role(
            `${name}-monitoring`,
            {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "monitoring.rds.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                tags,
            },
            { parent: this },
        );
        const monitoringPolicy = new aws.iam.RolePolicyAttachment(
            `${name}-monitoring`,
            {
                role: monitoringRole.name,
                policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
            },
            { parent: this },
        );
        // RDS refuses / @ " and space in master passwords.
        const password = new random.RandomPassword(
            `${name}-master-password`,
            {
                length: 32,
                special: true,
                overrideSpecial: "!#$%&*()-_=+[]{}<>:?",
                minLower: 2,
                minUpper: 2,
                minNumeric: 2,
            },
            { parent: this, additionalSecretOutputs: ["result"] },
        );
        // Log groups before the instance, so exports land in groups with a retention.
        const logGroups = ["postgresql", "upgrade"].map(
            (log) =>
                new aws.cloudwatch.LogGroup(
                    `${name}-${log}-logs`,
                    {
                        name: `/aws/rds/instance/${args.identifier}/${log}`,
                        retentionInDays: args.logRetentionDays,
                        tags,
                    },
                    { parent: this },
                ),
        );

        this.instance = new aws.rds.Instance(
            name,
            {
                identifier: args.identifier,
                engine: "postgres",
                engineVersion: major,
                instanceClass: cfg.instanceClass,
                dbName: cfg.name,
                username: cfg.masterUsername,
                password: password.result,
                port: POSTGRES_PORT,
                dbSubnetGroupName: subnets.name,
                vpcSecurityGroupIds: [securityGroup.id],
                parameterGroupName: parameters.name,
                publiclyAccessible: false,
                storageType: "gp3",
                allocatedStorage: cfg.allocatedStorageGiB,
                maxAllocatedStorage: cfg.maxAllocatedStorageGiB,
                storageEncrypted: true,
                kmsKeyId: key.arn,
                multiAz: protection.multiAz,
                backupRetentionPeriod: cfg.backupRetentionDays,
                backupWindow: "01:00-02:00",
                maintenanceWindow: "sun:03:00-sun:04:00",
                copyTagsToSnapshot: true,
                deleteAutomatedBackups: false,
                deletionProtection: protection.deletionProtection,
                skipFinalSnapshot: protection.skipFinalSnapshot,
                finalSnapshotIdentifier: protection.finalSnapshotIdentifier,
                autoMinorVersionUpgrade: true,
                allowMajorVersionUpgrade: false,
                iamDatabaseAuthenticationEnabled: true,
                performanceInsightsEnabled: true,
                performanceInsightsKmsKeyId: key.arn,
                performanceInsightsRetentionPeriod: 7,
                monitoringInterval: cfg.monitoringIntervalSeconds,
                monitoringRoleArn: monitoringRole.arn,
                enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
                caCertIdentifier: "rds-ca-rsa2048-g1",
                applyImmediately: false,
                tags,
            },
            { parent: this, protect: protection.protect, dependsOn: [monitoringPolicy, ...logGroups] },
        );

        this.info = {
            address: this.instance.address,
            port: this.instance.port,
            name: cfg.name,
            username: cfg.masterUsername,
            password: pulumi.secret(password.result),
            instance: this.instance,
        };
        this.clientSecurityGroupId = clients.id;
        this.registerOutputs({ address: this.info.address, port: this.info.port });
    }
}
