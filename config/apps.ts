import { z } from "zod";
import { ConfigProblems } from "./errors";
import { cronSchedule } from "./validators";
import type { Environment } from "./infra";

/**
 * `terrace:apps`: the application namespace and the reference workloads (owned by the application layer).
 * Sizes default to the smallest footprint (dev); each stack file sets its own mapping. Defaults that depend on
 * the environment (namespace quota, backup retention) stay undefined here and are resolved by `appsQuota` and
 * `backupRetentionDays`, because a zod default cannot see the environment.
 */

/** Namespaces the platform owns; the application namespace must be none of them. */
export const RESERVED_NAMESPACES = [
    "default",
    "kube-system",
    "kube-public",
    "kube-node-lease",
    "gateway",
    "cert-manager",
    "argocd",
    "monitoring",
    "velero",
    "kyverno",
] as const;

/** The reference services, in the order they are listed in the stack files and the docs. */
export const SERVICE_NAMES = ["frontend", "api-gateway", "backend-api", "worker", "scheduler"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const COLOURS = ["blue", "green"] as const;
export type Colour = (typeof COLOURS)[number];

const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
    m: 1e-3,
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
};
const QUANTITY = /^(\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** The numeric value of a Kubernetes quantity (`250m` -> 0.25, `1Gi` -> 1073741824); undefined if malformed. */
export function parseQuantity(quantity: string): number | undefined {
    const match = QUANTITY.exec(quantity);
    if (!match) return undefined;
    const suffix = match[2] ?? "";
    const factor = BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix];
    return Number(match[1]) * factor;
}

/** A quantity as Kubernetes accepts it; YAML reads `cpu: 1` as a number, so numbers are taken and kept as text. */
const quantity = z
    .union([z.number().nonnegative(), z.string()])
    .transform((q) => String(q))
    .refine((q) => parseQuantity(q) !== undefined, "a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi");

/**
 * A pinned image reference: `[registry/]name:tag` (not `latest`) or `[registry/]name[:tag]@sha256:<64 hex>`.
 * A floating tag would make two `pulumi up` runs deploy different code, and the policy pack refuses it.
 */
export const PINNED_IMAGE =
    /^[a-z0-9]+(?:[._\/-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function isPinnedImage(image: string): boolean {
    if (!PINNED_IMAGE.test(image)) return false;
    if (image.includes("@sha256:")) return true;
    const lastSegment = image.slice(image.lastIndexOf("/") + 1);
    const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : undefined;
    return tag !== undefined && tag !== "latest";
}

const image = z.string().refine(isPinnedImage, "a pinned image: name:tag (not latest) or name@sha256:<digest>");

const labelValue = z
    .string()
    .regex(
        /^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/,
        "a Kubernetes label value: lower-case letters, digits, - _ . (max 63)",
    );

const uid = z.number().int().min(1).max(2147483647);

const resourcesSchema = z.strictObject({
    /** What the scheduler reserves per pod (cpu, memory). */
    requests: z.strictObject({ cpu: quantity, memory: quantity }),
    /** The most one pod may use (cpu, memory). */
    limits: z.strictObject({ cpu: quantity, memory: quantity }),
});
export type ResourcesConfig = z.infer<typeof resourcesSchema>;

const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) =>
    resourcesSchema.default({ requests: { cpu, memory }, limits: { cpu: cpuLimit, memory: memoryLimit } });

const serviceFields = {
    /** Image override; default the catalogue's pinned image (apps/catalogue.ts). */
    image: image.optional(),
    /** uid the containers run as when the image override needs another one; default the catalogue's. */
    runAsUser: uid.optional(),
    /** Replicas (the HPA minimum when maxReplicas is larger); default 1. */
    replicas: z.number().int().min(1).max(100).default(1),
    /** HPA maximum; an HPA is created only when it exceeds replicas. Default: no HPA. */
    maxReplicas: z.number().int().min(1).max(200).optional(),
};

const serviceSchema = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) =>
    z.strictObject({ ...serviceFields, resources: resources(cpu, memory, cpuLimit, memoryLimit) }).prefault({});

const apiGatewaySchema = z
    .strictObject({
        ...serviceFields,
        resources: resources("100m", "128Mi", "500m", "128Mi"),
        /** The colour the `api-gateway` Service sends traffic to; the other is reachable as `api-gateway-preview`. */
        liveColour: z.enum(COLOURS).default("blue"),
        /** Image of the blue deployment; default `image`. */
        blueImage: image.optional(),
        /** Image of the green deployment; default `image`. */
        greenImage: image.optional(),
    })
    .prefault({});

const schedulerSchema = z
    .strictObject({
        image: serviceFields.image,
        runAsUser: serviceFields.runAsUser,
        /** Always 1: two schedulers would enqueue every periodic job twice. */
        replicas: z.literal(1, { message: "1 (the scheduler must run as a single replica)" }).default(1),
        resources: resources("50m", "64Mi", "200m", "64Mi"),
    })
    .prefault({});

const servicesSchema = z
    .strictObject({
        frontend: serviceSchema("50m", "64Mi", "250m", "64Mi"),
        "api-gateway": apiGatewaySchema,
        "backend-api": serviceSchema("100m", "128Mi", "500m", "128Mi"),
        worker: serviceSchema("100m", "128Mi", "500m", "128Mi"),
        scheduler: schedulerSchema,
    })
    .prefault({});

const redisSchema = z
    .strictObject({
        /** Redis image; default the catalogue's official redis alpine image (uid 999). */
        image: image.optional(),
        /** Prometheus exporter sidecar image; default oliver006/redis_exporter (uid 59000). */
        exporterImage: image.optional(),
        /** Size of the gp3 data volume in GiB; default 5. */
        storageGiB: z.number().int().min(1).max(16384).default(5),
        /** Redis container resources; maxmemory is set to 75% of the memory limit. */
        resources: resources("100m", "256Mi", "500m", "256Mi"),
    })
    .prefault({});

const migrationsSchema = z
    .strictObject({
        /** Migration image (runs psql over the SQL files); default the postgres client image of the RDS major version. */
        image: image.optional(),
    })
    .prefault({});

const backupSchema = z
    .strictObject({
        /** Run the daily pg_dump to S3; default true. */
        enabled: z.boolean().default(true),
        /** Cron schedule in UTC; default daily at 02:00. */
        schedule: cronSchedule.default("0 2 * * *"),
        /** Days a dump is kept in S3; default 30 in prod, 7 in staging, 3 in dev. */
        retentionDays: z.number().int().min(1).max(3650).optional(),
        /** Scratch space for the dump before upload, in GiB; default 5. */
        scratchGiB: z.number().int().min(1).max(500).default(5),
        /** pg_dump image; default the official postgres alpine image matching the RDS major version. */
        pgDumpImage: image.optional(),
        /** Uploader image; default public.ecr.aws/aws-cli/aws-cli (pinned in apps/catalogue.ts). */
        awsCliImage: image.optional(),
    })
    .prefault({});

const quotaSchema = z.strictObject({
    /** CPU cores all pods may request together; limits may total twice this. */
    cpu: z.number().positive().max(10000),
    /** Memory in GiB all pods may request together; limits may total twice this. */
    memoryGiB: z.number().positive().max(100000),
    /** Pods the namespace may hold. */
    pods: z.number().int().min(1).max(10000),
});
export type QuotaConfig = z.infer<typeof quotaSchema>;

const gitopsSchema = z.strictObject({
    /** Git repository Argo CD syncs the team's applications from (https). */
    repoURL: z.string().regex(/^https:\/\/[^\s]+$/, "an https Git URL such as https://github.com/acme/erp-apps.git"),
    /** Directory of the manifests in the repository; default the stack name's directory `envs/<environment>`. */
    path: z.string().min(1).optional(),
    /** Branch, tag or commit; default main. */
    targetRevision: z.string().min(1).default("main"),
    /** User name sent with the `terrace:appsGitopsToken` secret for a private repository; default git. */
    username: z.string().min(1).default("git"),
});
export type GitopsConfig = z.infer<typeof gitopsSchema>;

export const appsSchema = z
    .strictObject({
        /** Application namespace; default erp. */
        namespace: z
            .string()
            .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a DNS label: lower-case letters, digits and - (max 63)")
            .refine((n) => !(RESERVED_NAMESPACES as readonly string[]).includes(n) && !n.startsWith("kube-"), {
                message: `a namespace other than ${RESERVED_NAMESPACES.join(", ")}`,
            })
            .default("erp"),
        /** Owning team, a label on every object; default erp. */
        team: labelValue.default("erp"),
        /** Cost centre, a label on every object; default erp. */
        costCenter: labelValue.default("erp"),
        /** Namespace ResourceQuota override; default by environment (APP_QUOTAS). */
        quota: quotaSchema.optional(),
        services: servicesSchema,
        redis: redisSchema,
        migrations: migrationsSchema,
        backup: backupSchema,
        /** Argo CD AppProject and Application for team apps; default none. */
        gitops: gitopsSchema.optional(),
    })
    .superRefine((apps, ctx) => {
        for (const name of SERVICE_NAMES) {
            const service = apps.services[name];
            const path = ["services", name];
            if (
                "maxReplicas" in service &&
                service.maxReplicas !== undefined &&
                service.maxReplicas < service.replicas
            ) {
                ctx.addIssue({
                    code: "custom",
                    path: [...path, "maxReplicas"],
                    message: `at least replicas (${service.replicas})`,
                });
            }
            checkLimits(service.resources, [...path, "resources"], ctx);
        }
        checkLimits(apps.redis.resources, ["redis", "resources"], ctx);
    })
    .prefault({});

function checkLimits(resources: ResourcesConfig, path: PropertyKey[], ctx: z.RefinementCtx): void {
    for (const kind of ["cpu", "memory"] as const) {
        const request = parseQuantity(resources.requests[kind]) ?? 0;
        const limit = parseQuantity(resources.limits[kind]) ?? 0;
        if (limit < request) {
            ctx.addIssue({
                code: "custom",
                path: [...path, "limits", kind],
                message: `at least requests.${kind} (${resources.requests[kind]})`,
            });
        }
    }
}

export type AppsConfig = z.infer<typeof appsSchema>;
export type ServiceConfig = AppsConfig["services"]["frontend"];

/** Secret top-level keys (`terrace:<key>`, set with `pulumi config set --secret`) the apps read. */
export const APPS_SECRET_KEYS: readonly string[] = ["appsGitopsToken"];

/** Namespace quota (requests) per environment; limits may total twice as much. */
export const APP_QUOTAS: Readonly<Record<Environment, QuotaConfig>> = {
    dev: { cpu: 10, memoryGiB: 20, pods: 50 },
    staging: { cpu: 20, memoryGiB: 40, pods: 100 },
    prod: { cpu: 50, memoryGiB: 100, pods: 200 },
};

/** Days a database dump is kept, per environment. */
export const BACKUP_RETENTION_DAYS: Readonly<Record<Environment, number>> = { dev: 3, staging: 7, prod: 30 };

export function appsQuota(environment: Environment, apps: AppsConfig): QuotaConfig {
    return apps.quota ?? APP_QUOTAS[environment];
}

export function backupRetentionDays(environment: Environment, apps: AppsConfig): number {
    return apps.backup.retentionDays ?? BACKUP_RETENTION_DAYS[environment];
}

/** What the namespace needs at full scale: every HPA at its maximum plus one surge pod per deployment. */
export interface Footprint {
    readonly pods: number;
    readonly cpu: number;
    readonly memory: number;
    readonly limitsCpu: number;
    readonly limitsMemory: number;
}

/** Resources of the Redis exporter sidecar (apps/redis.ts); counted here so the quota check sees them. */
export const EXPORTER_RESOURCES: ResourcesConfig = {
    requests: { cpu: "20m", memory: "32Mi" },
    limits: { cpu: "100m", memory: "64Mi" },
};

/** Resources of each container of the migration and backup jobs (apps/jobs.ts). */
export const JOB_RESOURCES: ResourcesConfig = {
    requests: { cpu: "100m", memory: "128Mi" },
    limits: { cpu: "500m", memory: "256Mi" },
};

export function appsFootprint(apps: AppsConfig): Footprint {
    let pods = 0;
    let cpu = 0;
    let memory = 0;
    let limitsCpu = 0;
    let limitsMemory = 0;
    // `sidecar`: a container of a pod already counted, so it adds resources but no pod.
    const add = (count: number, r: ResourcesConfig, sidecar = false) => {
        if (!sidecar) pods += count;
        cpu += count * (parseQuantity(r.requests.cpu) ?? 0);
        memory += count * (parseQuantity(r.requests.memory) ?? 0);
        limitsCpu += count * (parseQuantity(r.limits.cpu) ?? 0);
        limitsMemory += count * (parseQuantity(r.limits.memory) ?? 0);
    };
    for (const name of SERVICE_NAMES) {
        const service = apps.services[name];
        const max = Math.max(service.replicas, ("maxReplicas" in service ? service.maxReplicas : undefined) ?? 0);
        // maxSurge 25% rounds up, so a rolling update adds at least one pod per deployment.
        const perDeployment = max + Math.ceil(max * 0.25);
        add(name === "api-gateway" ? 2 * perDeployment : perDeployment, service.resources);
    }
    add(1, apps.redis.resources);
    add(1, EXPORTER_RESOURCES, true);
    // The migration Job and the backup Job; each runs one container at a time (the dump is an init container).
    add(2, JOB_RESOURCES);
    return { pods, cpu, memory, limitsCpu, limitsMemory };
}

/**
 * Rules across the apps section that need the environment: the services at full scale must fit in the
 * namespace quota, or the HPA would stall silently at the quota instead of at maxReplicas. Every shortfall is
 * reported at once (pods, CPU and memory), in one ConfigError.
 */
export function checkAppsConsistency(environment: Environment, apps: AppsConfig): void {
    const problems = new ConfigProblems();
    const quota = appsQuota(environment, apps);
    const need = appsFootprint(apps);
    const key = "terrace:apps.quota";
    const gib = 2 ** 30;
    if (need.pods > quota.pods)
        problems.add(`${key}.pods`, quota.pods, `at least ${need.pods} (every HPA at max plus surge)`);
    if (need.cpu > quota.cpu + 1e-9)
        problems.add(`${key}.cpu`, quota.cpu, `at least ${round(need.cpu)} cores of requests`);
    if (need.memory > quota.memoryGiB * gib) {
        problems.add(`${key}.memoryGiB`, quota.memoryGiB, `at least ${round(need.memory / gib)} GiB of requests`);
    }
    if (need.limitsCpu > 2 * quota.cpu + 1e-9) {
        problems.add(
            `${key}.cpu`,
            quota.cpu,
            `at least ${round(need.limitsCpu / 2)} (limits total ${round(need.limitsCpu)} cores, quota allows 2x)`,
        );
    }
    if (need.limitsMemory > 2 * quota.memoryGiB * gib) {
        problems.add(
            `${key}.memoryGiB`,
            quota.memoryGiB,
            `at least ${round(need.limitsMemory / gib / 2)} (limits total ${round(need.limitsMemory / gib)} GiB, quota allows 2x)`,
        );
    }
    problems.throwIfAny();
}

function round(n: number): number {
    return Math.ceil(n * 100) / 100;
}
