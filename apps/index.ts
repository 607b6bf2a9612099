/**
 * The application layer: the namespace and its guard rails, Redis, the database jobs, the five services,
 * their routes, alerts, RBAC and (optionally) GitOps for team apps. Composes the modules of this folder;
 * every decision lives in them.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo } from "../infra/cluster-info";
import type { TerraceConfig } from "../config";
import { appsQuota, backupRetentionDays, checkAppsConsistency } from "../config/apps";
import type { DatabaseInfo } from "../infra/database-info";
import type { PlatformOutputs } from "../platform/outputs";
import {
    catalogue,
    ownership,
    POSTGRES_IMAGES,
    POSTGRES_PORT,
    REDIS_SERVICE,
    serviceContext,
    USES_DATABASE,
    DEFAULT_IMAGES,
} from "./catalogue";
import { DatabaseJobs, REFERENCE_MIGRATIONS } from "./jobs";
import { ownershipLabels } from "./k8s";
import { AppAlerts } from "./monitoring";
import { AppNamespace } from "./namespace";
import { AppRbac } from "./rbac";
import { Redis, redisUrl } from "./redis";
import { AppRoutes } from "./routes";
import { AppService, ServiceSpec } from "./service";
import { TeamGitops } from "./gitops";

export interface AppsArgs {
    /** The stack's validated configuration; `config.apps` sizes everything here. */
    readonly config: TerraceConfig;
    readonly cluster: ClusterInfo;
    readonly platform: PlatformOutputs;
    readonly database: DatabaseInfo;
}

/** `postgres://user:password@host:port/db?sslmode=require`, the password URL-encoded. */
export function databaseUrl(user: string, password: string, host: string, port: number, name: string): string {
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${name}?sslmode=require`;
}

/** The secret config key holding a token for a private GitOps repository. */
export const GITOPS_TOKEN_KEY = "appsGitopsToken";

/** `<label>.<domain>` of a configured gateway host name (terrace:platform.gateway.hostnames). */
function configuredHostname(config: TerraceConfig, name: string): string {
    const label = config.platform.gateway.hostnames[name];
    if (label === undefined) {
        throw new Error(
            `terrace:platform.gateway.hostnames has no "${name}" host (the reference apps need app and api)`,
        );
    }
    return `${label}.${config.platform.domain}`;
}

export class Apps extends pulumi.ComponentResource {
    /** The application namespace. */
    readonly namespace: string;
    /** Public URLs: { app: "https://app.<domain>", api: "https://api.<domain>" }. */
    readonly urls: Readonly<Record<string, string>>;
    /** The bucket holding the database dumps, when backups are enabled. */
    readonly backupBucket?: pulumi.Output<string>;

    constructor(name: string, args: AppsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:Apps", name, {}, pulumi.mergeOptions(opts, { providers: [args.cluster.provider] }));
        const { config, platform, database } = args;
        const apps = config.apps;
        // Also run by the config module; repeated here so a stack can never deploy an app that outgrows its quota.
        checkAppsConsistency(config.environment, apps);

        const prod = config.environment === "prod";
        const owners = ownership(config);
        const ctx = serviceContext(config, platform.namespaces.monitoring);
        const child = { parent: this };

        const ns = new AppNamespace(
            `${name}-namespace`,
            { namespace: { name: apps.namespace, ownership: owners, quota: appsQuota(config.environment, apps) } },
            child,
        );
        const namespaceReady = ns.ready;

        // Without metrics-server an HPA never scales: the services keep their minimum (config/platform/addons.ts).
        const autoscaling = platform.addons.has("metricsServer");
        const catalogued = catalogue({
            config,
            // The host names are the configured ones whether or not the gateway runs (no routes are made without it).
            hostnames: {
                app: configuredHostname(config, "app"),
                api: configuredHostname(config, "api"),
            },
            databaseUser: database.username,
        });
        const specs = autoscaling ? catalogued : catalogued.map((s) => ({ ...s, maxReplicas: undefined }));
        const clients = specs
            .filter((s) => s.dependencies?.some((d) => "app" in d && d.app === REDIS_SERVICE))
            .map((s) => s.name);

        const redis = new Redis(
            `${name}-redis`,
            {
                input: {
                    context: ctx,
                    image: apps.redis.image,
                    exporterImage: apps.redis.exporterImage,
                    resources: apps.redis.resources,
                    storageGiB: apps.redis.storageGiB,
                    storageClass: platform.storageClass,
                    clients,
                },
                namespaceReady,
                prometheusOperator: platform.crds.prometheusOperator,
                protect: prod,
            },
            child,
        );

        const postgresImage = POSTGRES_IMAGES[config.database.engineVersion];
        const byName = (n: string) => specs.find((s) => s.name === n)!;
        const jobs = new DatabaseJobs(
            `${name}-db`,
            {
                migration: {
                    context: ctx,
                    databaseCidr: config.network.cidr,
                    databasePort: POSTGRES_PORT,
                    database: { name: database.name, user: database.username },
                    image: apps.migrations.image ?? postgresImage,
                    migrations: REFERENCE_MIGRATIONS,
                    // A new version of a service that uses the schema runs the migration again before it rolls out.
                    revision: USES_DATABASE.map((n) => byName(n).image),
                },
                backup: apps.backup.enabled
                    ? {
                          context: ctx,
                          databaseCidr: config.network.cidr,
                          databasePort: POSTGRES_PORT,
                          database: { name: database.name, user: database.username },
                          pgDumpImage: apps.backup.pgDumpImage ?? postgresImage,
                          awsCliImage: apps.backup.awsCliImage ?? DEFAULT_IMAGES.awsCli,
                          schedule: apps.backup.schedule,
                          scratchGiB: apps.backup.scratchGiB,
                          prefix: `postgres/${database.name}`,
                          retentionDays: backupRetentionDays(config.environment, apps),
                      }
                    : undefined,
                cluster: args.cluster,
                connection: { host: database.address, port: database.port, password: database.password },
                namespaceReady,
                databaseInstance: database.instance,
                protect: prod,
                tags: ownershipLabels(owners),
            },
            child,
        );
        this.backupBucket = jobs.backupBucket;

        const databaseSecrets = {
            DATABASE_URL: pulumi.secret(
                pulumi
                    .all([database.password, database.address, database.port])
                    .apply(([pw, host, port]) => databaseUrl(database.username, pw, host, port, database.name)),
            ),
            DATABASE_HOST: database.address,
            DATABASE_PORT: database.port.apply(String),
            DATABASE_PASSWORD: database.password,
        };
        const redisSecrets = {
            REDIS_URL: pulumi.secret(redis.password.apply((pw) => redisUrl(pw, apps.namespace))),
            REDIS_PASSWORD: redis.password,
        };
        const secretsFor = (spec: ServiceSpec): Record<string, pulumi.Input<string>> => {
            const all: Record<string, pulumi.Input<string>> = { ...databaseSecrets, ...redisSecrets };
            return Object.fromEntries((spec.secretKeys ?? []).map((k) => [k, all[k]]));
        };

        // PlatformOutputs has no handle on the Cilium release. The monitoring release waits for its pods to run,
        // which needs Cilium's network, so by then Cilium's operator has registered CiliumNetworkPolicy.
        const crds = {
            prometheusOperator: platform.crds.prometheusOperator,
            ciliumPolicies: platform.crds.ciliumPolicies,
        };
        const services = specs.map(
            (spec) =>
                new AppService(
                    `${name}-${spec.name}`,
                    {
                        spec,
                        context: ctx,
                        secrets: secretsFor(spec),
                        namespaceReady,
                        crds,
                        startAfter: (USES_DATABASE as readonly string[]).includes(spec.name) ? [jobs.migration] : [],
                    },
                    child,
                ),
        );

        // Routes are switched off with the gateway (config/platform/addons.ts, APP_ADDON_DEPENDENTS).
        const routes = platform.gateway
            ? new AppRoutes(
                  `${name}-routes`,
                  {
                      gateway: platform.gateway,
                      namespace: apps.namespace,
                      ownership: owners,
                      namespaceReady,
                      gatewayApi: platform.crds.gatewayApi,
                      backends: services.flatMap((s) => s.services),
                  },
                  child,
              )
            : undefined;
        this.urls = routes?.urls ?? {};

        // Alerts are switched off with monitoring (config/platform/addons.ts, APP_ADDON_DEPENDENTS).
        if (platform.crds.prometheusOperator) {
            new AppAlerts(
                `${name}-alerts`,
                {
                    namespace: apps.namespace,
                    ownership: owners,
                    monitorLabels: ctx.monitorLabels,
                    namespaceReady,
                    prometheusOperator: platform.crds.prometheusOperator,
                },
                child,
            );
        }
        new AppRbac(`${name}-rbac`, { namespace: apps.namespace, ownership: owners, namespaceReady }, child);
        // The config refuses gitops without Argo CD (config/platform/addons.ts), so both are set here.
        if (apps.gitops && platform.crds.argocd && platform.namespaces.argocd) {
            new TeamGitops(
                `${name}-gitops`,
                {
                    input: {
                        gitops: apps.gitops,
                        namespace: apps.namespace,
                        argocdNamespace: platform.namespaces.argocd,
                        environment: config.environment,
                        ownership: owners,
                    },
                    token: new pulumi.Config("terrace").getSecret(GITOPS_TOKEN_KEY),
                    argocd: platform.crds.argocd,
                    namespaceReady,
                },
                child,
            );
        }

        this.namespace = apps.namespace;
        this.registerOutputs({ namespace: this.namespace, urls: this.urls, backupBucket: this.backupBucket });
    }
}
