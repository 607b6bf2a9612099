import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { TIER_NAMES } from "./tiers";
import { APPS_SECRET_KEYS, appsSchema, AppsConfig, checkAppsConsistency } from "./apps";
import { ConfigProblem, ConfigProblems, zodProblems } from "./errors";
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
import { APP_ADDON_DEPENDENTS, enabledAddons, missingAddonNeeds, refusedDependents } from "./platform/addons";
import { checkPlatformConsistency, PLATFORM_SECRET_KEYS, platformSchema, PlatformConfig } from "./platform";

export { ConfigError } from "./errors";
export type { ConfigProblem } from "./errors";
export * from "./infra";
export type { PlatformConfig } from "./platform";
export type { AppsConfig } from "./apps";

/** The Pulumi config namespace of every Terrace key (`terrace:<section>`). */
export const CONFIG_NAMESPACE = "terrace";

/** The sections of the stack file, each one `terrace:<section>` holding an object. */
export const SECTIONS = ["network", "cluster", "tiers", "database", "platform", "apps"] as const;

/**
 * The profile a stack is built with: dev, staging or prod decide the defaults for sizes, HA and enforcement. The
 * stack's name is its identity (names, the terrace/stack tag); the profile is chosen here, so any stack name works.
 * Required, as Pulumi.yaml declares it without a default (the Pulumi CLI refuses a stack file without it).
 */
const environmentSchema = z.enum(ENVIRONMENTS);

/** Each `terrace:<key>` and its schema; parsed one by one so every section's problems are found in one run. */
const SECTION_SCHEMAS = {
    environment: environmentSchema,
    network: networkSchema,
    cluster: clusterSchema,
    tiers: tiersSchema,
    database: databaseSchema,
    platform: platformSchema,
    apps: appsSchema,
} as const;

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
    /** Keys whose value could not be read at all (not JSON where an object is expected); reported with the rest. */
    readonly unreadable?: readonly ConfigProblem[];
}

const regionPattern = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** The closest of `candidates` to a misspelt `word` (at most two edits away), for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance <= 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
    }
    return best?.candidate;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * Validates raw stack configuration. Every problem is collected and reported at once (a ConfigError with one line
 * per problem, sorted by key): each section is parsed on its own, and each section's cross-key rules run as soon as
 * that section and the profile are valid, so one bad section does not hide the mistakes of another. Pure.
 */
export function parseConfig(raw: RawConfig): TerraceConfig {
    const problems = new ConfigProblems();
    problems.addAll(raw.unreadable ?? []);
    const unreadableKeys = new Set((raw.unreadable ?? []).map((p) => p.key.slice(CONFIG_NAMESPACE.length + 1)));
    if (raw.region === undefined || !regionPattern.test(raw.region)) {
        problems.add("aws:region", raw.region, "an AWS region such as eu-west-1");
    }
    const known = ["environment", ...SECTIONS, ...SECRET_KEYS];
    for (const key of raw.keys ?? Object.keys(raw.values)) {
        if (known.includes(key)) continue;
        const hint = closest(key, known);
        problems.add(
            `${CONFIG_NAMESPACE}:${key}`,
            raw.values[key],
            hint ? `no such key: did you mean ${CONFIG_NAMESPACE}:${hint}?` : `one of the keys ${known.join(", ")}`,
        );
    }
    const parsed: Partial<Record<(typeof SECTIONS)[number] | "environment", unknown>> = {};
    for (const [section, schema] of Object.entries(SECTION_SCHEMAS) as [keyof typeof SECTION_SCHEMAS, z.ZodType][]) {
        if (unreadableKeys.has(section)) continue;
        if (section === "environment" && raw.values.environment === undefined) {
            problems.add(
                key("environment"),
                undefined,
                `one of ${ENVIRONMENTS.map((e) => `"${e}"`).join(", ")}: the profile of this stack, required in every stack file`,
            );
            continue;
        }
        const input = raw.values[section];
        const result = schema.safeParse(input);
        if (result.success) parsed[section] = result.data;
        else problems.addAll(zodProblems(CONFIG_NAMESPACE, { [section]: input }, prefixed(result.error, section)));
    }
    const environment = parsed.environment as Environment | undefined;
    if (environment !== undefined) {
        const network = parsed.network as z.infer<typeof networkSchema> | undefined;
        if (network)
            checkNetwork({ ...network, flowLogs: network.flowLogs ?? environment === "prod" }, environment, problems);
        if (parsed.cluster) checkCluster(parsed.cluster as ClusterConfig, problems);
        if (parsed.tiers) checkTiers(parsed.tiers as TiersConfig, environment, problems);
        if (parsed.database) checkDatabase(parsed.database as DatabaseConfig, environment, problems);
        if (parsed.platform) checkPlatformConsistency(parsed.platform as PlatformConfig, environment, problems);
        if (parsed.apps) problems.absorb(() => checkAppsConsistency(environment, parsed.apps as AppsConfig));
        if (parsed.platform) {
            const enabled = enabledAddons(parsed.platform as PlatformConfig, environment);
            problems.addAll(missingAddonNeeds(enabled));
            if (parsed.apps) {
                problems.addAll(refusedDependents(APP_ADDON_DEPENDENTS, { apps: parsed.apps as AppsConfig }, enabled));
            }
        }
    }
    problems.throwIfAny();
    const network = parsed.network as z.infer<typeof networkSchema>;
    return {
        project: raw.project,
        stack: raw.stack,
        environment: environment!,
        region: raw.region!,
        network: { ...network, flowLogs: network.flowLogs ?? environment === "prod" },
        cluster: parsed.cluster as ClusterConfig,
        tiers: parsed.tiers as TiersConfig,
        database: parsed.database as DatabaseConfig,
        platform: parsed.platform as PlatformConfig,
        apps: parsed.apps as AppsConfig,
    };
}

/** A zod error of one section, its issue paths made absolute (["tiers", "data", ...]). */
function prefixed(error: z.ZodError, section: string): z.ZodError {
    return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [section, ...issue.path] })));
}

const key = (path: string) => `${CONFIG_NAMESPACE}:${path}`;

function checkNetwork(network: NetworkConfig, environment: Environment, problems: ConfigProblems): void {
    if (environment === "prod" && network.natGateways !== "perAz") {
        problems.add(key("network.natGateways"), network.natGateways, '"perAz" in prod (one NAT gateway per AZ)');
    }
}

function checkCluster(cluster: ClusterConfig, problems: ConfigProblems): void {
    const { endpoint } = cluster;
    if (!endpoint.privateAccess && !endpoint.publicAccess) {
        problems.add(
            key("cluster.endpoint.privateAccess"),
            false,
            "true when publicAccess is false (the API must be reachable)",
        );
    }
    if (endpoint.publicAccess) {
        if (endpoint.publicAccessCidrs.length === 0) {
            problems.add(
                key("cluster.endpoint.publicAccessCidrs"),
                [],
                "a non-empty allow-list when publicAccess is true",
            );
        }
        const open = endpoint.publicAccessCidrs.find((c) => c.endsWith("/0"));
        if (open) {
            problems.add(key("cluster.endpoint.publicAccessCidrs"), open, "specific CIDRs, not the whole internet");
        }
    }
}

function checkTiers(tiers: TiersConfig, environment: Environment, problems: ConfigProblems): void {
    const prod = environment === "prod";
    for (const tier of TIER_NAMES) {
        const t = tiers[tier];
        if (t.minSize > t.maxSize) {
            problems.add(key(`tiers.${tier}.minSize`), t.minSize, `at most maxSize (${t.maxSize})`);
        }
        if (t.desiredSize < t.minSize || t.desiredSize > t.maxSize) {
            problems.add(
                key(`tiers.${tier}.desiredSize`),
                t.desiredSize,
                `between minSize (${t.minSize}) and maxSize (${t.maxSize})`,
            );
        }
        if (prod && t.capacityType === "SPOT") {
            problems.add(key(`tiers.${tier}.capacityType`), t.capacityType, '"ON_DEMAND" in prod');
        }
        if (prod && t.minSize < 2) {
            problems.add(
                key(`tiers.${tier}.minSize`),
                t.minSize,
                "at least 2 in prod (a tier must survive losing a node)",
            );
        }
    }
}

function checkDatabase(db: DatabaseConfig, environment: Environment, problems: ConfigProblems): void {
    if (db.maxAllocatedStorageGiB <= db.allocatedStorageGiB) {
        problems.add(
            key("database.maxAllocatedStorageGiB"),
            db.maxAllocatedStorageGiB,
            `more than allocatedStorageGiB (${db.allocatedStorageGiB})`,
        );
    }
    if (environment === "prod") {
        if (!db.multiAz) problems.add(key("database.multiAz"), db.multiAz, "true in prod");
        if (!db.deletionProtection)
            problems.add(key("database.deletionProtection"), db.deletionProtection, "true in prod");
        if (db.backupRetentionDays < 7)
            problems.add(key("database.backupRetentionDays"), db.backupRetentionDays, "7 to 35 in prod");
    }
}

/** Reads and validates the current stack's configuration through the Pulumi config API. */
export function loadConfig(): TerraceConfig {
    const terrace = new pulumi.Config(CONFIG_NAMESPACE);
    const values: Record<string, unknown> = {};
    const unreadable: ConfigProblem[] = [];
    const environment = terrace.get("environment");
    if (environment !== undefined) values.environment = environment;
    for (const section of SECTIONS) {
        try {
            const value = terrace.getObject<unknown>(section);
            if (value !== undefined) values[section] = value;
        } catch {
            unreadable.push({
                key: `${CONFIG_NAMESPACE}:${section}`,
                given: terrace.get(section),
                allowed: "a YAML object (see Pulumi.yaml)",
            });
        }
    }
    return parseConfig({
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        region: new pulumi.Config("aws").get("region"),
        values,
        keys: Object.keys(pulumi.runtime.allConfig())
            .filter((k) => k.startsWith(`${CONFIG_NAMESPACE}:`))
            .map((k) => k.slice(CONFIG_NAMESPACE.length + 1)),
        unreadable,
    });
}
