import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { TIER_NAMES } from "./tiers";
import { APPS_SECRET_KEYS, appsSchema, AppsConfig, checkAppsConsistency } from "./apps";
import { ConfigError, toConfigError } from "./errors";
import {
    clusterSchema,
    ClusterConfig,
    databaseSchema,
    DatabaseConfig,
    Environment,
    ENVIRONMENTS,
    networkSchema,
    NetworkConfig,
    tiersSchema,
    TiersConfig,
} from "./infra";
import { checkPlatformConsistency, PLATFORM_SECRET_KEYS, platformSchema, PlatformConfig } from "./platform";

export { ConfigError } from "./errors";
export * from "./infra";
export type { PlatformConfig } from "./platform";
export type { AppsConfig } from "./apps";

/** The Pulumi config namespace of every Terrace key (`terrace:<section>`). */
export const CONFIG_NAMESPACE = "terrace";

/** The sections of the stack file, each one `terrace:<section>` holding an object. */
export const SECTIONS = ["network", "cluster", "tiers", "database", "platform", "apps"] as const;

const terraceSchema = z.strictObject({
    /** dev, staging or prod; default the stack name. */
    environment: z.enum(ENVIRONMENTS),
    network: networkSchema,
    cluster: clusterSchema,
    tiers: tiersSchema,
    database: databaseSchema,
    platform: platformSchema,
    apps: appsSchema,
});

/** Everything a stack is configured with, validated. The one object every layer receives. */
export interface TerraceConfig {
    readonly project: string;
    readonly stack: string;
    readonly environment: Environment;
    readonly region: string;
    readonly network: NetworkConfig;
    readonly cluster: ClusterConfig;
    readonly tiers: TiersConfig;
    readonly database: DatabaseConfig;
    readonly platform: PlatformConfig;
    readonly apps: AppsConfig;
}

/** Secret keys are read on their own (config.getSecret) so they stay secret; they are not sections. */
export const SECRET_KEYS: readonly string[] = [...PLATFORM_SECRET_KEYS, ...APPS_SECRET_KEYS];

export interface RawConfig {
    readonly project: string;
    readonly stack: string;
    /** `aws:region`. */
    readonly region: string | undefined;
    /** `terrace:<key>` values as read from the stack file (objects already parsed), secrets excluded. */
    readonly values: Readonly<Record<string, unknown>>;
    /** Every `terrace:` key present in the stack, to refuse unknown ones (misspelt sections). */
    readonly keys?: readonly string[];
}

const regionPattern = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** Validates raw stack configuration; throws a ConfigError naming the first bad key. Pure. */
export function parseConfig(raw: RawConfig): TerraceConfig {
    if (raw.region === undefined || !regionPattern.test(raw.region)) {
        throw new ConfigError("aws:region", raw.region, "an AWS region such as eu-west-1");
    }
    const known = new Set<string>(["environment", ...SECTIONS]);
    for (const name of SECRET_KEYS) known.add(name);
    for (const key of raw.keys ?? Object.keys(raw.values)) {
        if (!known.has(key)) {
            throw new ConfigError(
                `${CONFIG_NAMESPACE}:${key}`,
                raw.values[key],
                `one of the keys ${[...known].join(", ")}`,
            );
        }
    }
    const input = {
        ...raw.values,
        environment: raw.values.environment ?? raw.stack,
    };
    const parsed = terraceSchema.safeParse(input);
    if (!parsed.success) throw toConfigError(CONFIG_NAMESPACE, input, parsed.error);
    const c = parsed.data;
    const config: TerraceConfig = {
        project: raw.project,
        stack: raw.stack,
        environment: c.environment,
        region: raw.region,
        network: { ...c.network, flowLogs: c.network.flowLogs ?? c.environment === "prod" },
        cluster: c.cluster,
        tiers: c.tiers,
        database: c.database,
        platform: c.platform,
        apps: c.apps,
    };
    checkConsistency(config);
    return config;
}

const key = (path: string) => `${CONFIG_NAMESPACE}:${path}`;

/** Rules that span several keys or depend on the environment. */
export function checkConsistency(config: TerraceConfig): void {
    const prod = config.environment === "prod";
    const { endpoint } = config.cluster;
    if (!endpoint.privateAccess && !endpoint.publicAccess) {
        throw new ConfigError(
            key("cluster.endpoint.privateAccess"),
            false,
            "true when publicAccess is false (the API must be reachable)",
        );
    }
    if (endpoint.publicAccess) {
        if (endpoint.publicAccessCidrs.length === 0) {
            throw new ConfigError(
                key("cluster.endpoint.publicAccessCidrs"),
                [],
                "a non-empty allow-list when publicAccess is true",
            );
        }
        const open = endpoint.publicAccessCidrs.find((c) => c.endsWith("/0"));
        if (open) {
            throw new ConfigError(
                key("cluster.endpoint.publicAccessCidrs"),
                open,
                "specific CIDRs, not the whole internet",
            );
        }
    }
    if (prod && config.network.natGateways !== "perAz") {
        throw new ConfigError(
            key("network.natGateways"),
            config.network.natGateways,
            '"perAz" in prod (one NAT gateway per AZ)',
        );
    }
    for (const tier of TIER_NAMES) {
        const t = config.tiers[tier];
        if (t.minSize > t.maxSize) {
            throw new ConfigError(key(`tiers.${tier}.minSize`), t.minSize, `at most maxSize (${t.maxSize})`);
        }
        if (t.desiredSize < t.minSize || t.desiredSize > t.maxSize) {
            throw new ConfigError(
                key(`tiers.${tier}.desiredSize`),
                t.desiredSize,
                `between minSize (${t.minSize}) and maxSize (${t.maxSize})`,
            );
        }
        if (prod && t.capacityType === "SPOT") {
            throw new ConfigError(key(`tiers.${tier}.capacityType`), t.capacityType, '"ON_DEMAND" in prod');
        }
        if (prod && t.minSize < 2) {
            throw new ConfigError(
                key(`tiers.${tier}.minSize`),
                t.minSize,
                "at least 2 in prod (a tier must survive losing a node)",
            );
        }
    }
    const db = config.database;
    if (db.maxAllocatedStorageGiB <= db.allocatedStorageGiB) {
        throw new ConfigError(
            key("database.maxAllocatedStorageGiB"),
            db.maxAllocatedStorageGiB,
            `more than allocatedStorageGiB (${db.allocatedStorageGiB})`,
        );
    }
    if (prod) {
        if (!db.multiAz) throw new ConfigError(key("database.multiAz"), db.multiAz, "true in prod");
        if (!db.deletionProtection)
            throw new ConfigError(key("database.deletionProtection"), db.deletionProtection, "true in prod");
        if (db.backupRetentionDays < 7)
            throw new ConfigError(key("database.backupRetentionDays"), db.backupRetentionDays, "7 to 35 in prod");
    }
    checkPlatformConsistency(config.platform, config.environment);
    checkAppsConsistency(config.environment, config.apps);
}

/** Reads and validates the current stack's configuration through the Pulumi config API. */
export function loadConfig(): TerraceConfig {
    const terrace = new pulumi.Config(CONFIG_NAMESPACE);
    const values: Record<string, unknown> = {};
    const environment = terrace.get("environment");
    if (environment !== undefined) values.environment = environment;
    for (const section of SECTIONS) {
        const value = readObject(terrace, section);
        if (value !== undefined) values[section] = value;
    }
    return parseConfig({
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        region: new pulumi.Config("aws").get("region"),
        values,
        keys: Object.keys(pulumi.runtime.allConfig())
            .filter((k) => k.startsWith(`${CONFIG_NAMESPACE}:`))
            .map((k) => k.slice(CONFIG_NAMESPACE.length + 1)),
    });
}

function readObject(config: pulumi.Config, name: string): unknown {
    try {
        return config.getObject<unknown>(name);
    } catch {
        throw new ConfigError(`${CONFIG_NAMESPACE}:${name}`, config.get(name), "a YAML object (see Pulumi.yaml)");
    }
}
