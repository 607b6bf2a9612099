/**
 * The reference ERP workloads: which image each service runs, how it is probed, who may call it and what it
 * calls. Sizes come from `terrace:apps` in the stack file; this module only fills in the facts about images.
 *
 * Image facts (checked against the images' Dockerfiles; see docs/apps.md for what could not be checked here):
 * - nginx-unprivileged listens on 8080 as uid 101 and keeps its pid and temp files in /tmp.
 * - podinfo serves /healthz, /readyz and Prometheus RED metrics (http_requests_total) on --port, and /metrics on
 *   --port-metrics. Its image runs as a named user, so a numeric uid is set (runAsNonRoot needs one to verify).
 * - The official redis image has user redis = 999, group 1000; postgres alpine has postgres = 70;
 *   redis_exporter's image runs as 59000:59000; the aws-cli image has no user, so it gets 65532 and HOME=/tmp.
 */
import type { TerraceConfig } from "../config";
import type { AppsConfig, Colour, ServiceName } from "../config/apps";
import { Ownership, RunAs } from "./k8s";
import { Dependency } from "./network-policies";
import { ServiceContext, ServiceSpec } from "./service";

/** Images from ECR Public where the project publishes there (no Docker Hub rate limits, allowed by the pack). */
export const DEFAULT_IMAGES = {
    frontend: "public.ecr.aws/nginx/nginx-unprivileged:1.29.4-alpine",
    podinfo: "ghcr.io/stefanprodan/podinfo:6.9.1",
    redis: "public.ecr.aws/docker/library/redis:7.4.5-alpine",
    redisExporter: "ghcr.io/oliver006/redis_exporter:v1.86.0",
    awsCli: "public.ecr.aws/aws-cli/aws-cli:2.27.50",
} as const;

/** postgres client images by RDS major version: pg_dump must be at least the server's version. */
export const POSTGRES_IMAGES: Readonly<Record<string, string>> = {
    "15": "public.ecr.aws/docker/library/postgres:15.14-alpine",
    "16": "public.ecr.aws/docker/library/postgres:16.10-alpine",
    "17": "public.ecr.aws/docker/library/postgres:17.6-alpine",
    "18": "public.ecr.aws/docker/library/postgres:18.0-alpine",
};

export const RUN_AS = {
    nginx: { user: 101, group: 101 },
    podinfo: { user: 65532, group: 65532 },
    redis: { user: 999, group: 1000 },
    redisExporter: { user: 59000, group: 59000 },
    postgres: { user: 70, group: 70 },
    awsCli: { user: 65532, group: 65532 },
} as const satisfies Record<string, RunAs>;

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
export const REDIS_SERVICE = "redis";

/** The name every object of the application is part of (app.kubernetes.io/part-of). */
export const PART_OF = "erp";

/** Labels kube-prometheus-stack's Prometheus selects monitors and rules by (the Helm release name). */
export const MONITOR_LABELS: Readonly<Record<string, string>> = { release: "kube-prometheus-stack" };

export function ownership(config: TerraceConfig): Ownership {
    return { environment: config.environment, team: config.apps.team, costCenter: config.apps.costCenter };
}

export function serviceContext(config: TerraceConfig, monitoringNamespace: string | undefined): ServiceContext {
    return {
        namespace: config.apps.namespace,
        partOf: PART_OF,
        ownership: ownership(config),
        zoneSpread: config.environment === "prod" ? "DoNotSchedule" : "ScheduleAnyway",
        monitoringNamespace,
        monitorLabels: MONITOR_LABELS,
    };
}

/** RDS lives in the VPC's private subnets; its address is only known at deploy time, the VPC range now. */
export function databaseDependency(config: TerraceConfig): Dependency {
    return { cidr: config.network.cidr, ports: [POSTGRES_PORT] };
}

export const REDIS_DEPENDENCY: Dependency = { app: REDIS_SERVICE, ports: [REDIS_PORT] };

/** Keys of each service's Secret; apps/index.ts supplies the values (Pulumi secrets). */
export const SECRET_KEYS = {
    database: ["DATABASE_URL", "DATABASE_HOST", "DATABASE_PORT", "DATABASE_PASSWORD"],
    redis: ["REDIS_URL", "REDIS_PASSWORD"],
} as const;

const PODINFO_PORTS = [
    { name: "http", containerPort: 9898, servicePort: 80 },
    { name: "metrics", containerPort: 9797 },
] as const;

const PODINFO_PROBES = {
    startup: { http: "/healthz", port: "http" },
    liveness: { http: "/healthz", port: "http" },
    readiness: { http: "/readyz", port: "http" },
} as const;

function runAsOf(configured: number | undefined, fallback: RunAs): RunAs {
    return configured === undefined ? fallback : { user: configured, group: configured };
}

/** A podinfo-based service: the stand-in for the ERP's API, worker and scheduler processes. */
function podinfoService(
    name: ServiceName,
    component: string,
    apps: AppsConfig,
    extra: Pick<ServiceSpec, "callers" | "dependencies" | "config" | "secretKeys"> &
        Partial<Pick<ServiceSpec, "blueGreen">>,
): ServiceSpec {
    const service = apps.services[name];
    return {
        name,
        component,
        image: service.image ?? DEFAULT_IMAGES.podinfo,
        command: ["./podinfo"],
        args: ["--port=9898", "--port-metrics=9797", "--level=info"],
        ports: PODINFO_PORTS,
        tier: "application",
        replicas: service.replicas,
        maxReplicas: "maxReplicas" in service ? service.maxReplicas : undefined,
        resources: service.resources,
        runAs: runAsOf(service.runAsUser, RUN_AS.podinfo),
        probes: PODINFO_PROBES,
        writablePaths: { data: "/data" },
        metrics: { port: "metrics", path: "/metrics" },
        ...extra,
    };
}

function commonSettings(config: TerraceConfig): Record<string, string> {
    return { ENVIRONMENT: config.environment, LOG_LEVEL: config.environment === "prod" ? "info" : "debug" };
}

function databaseSettings(config: TerraceConfig, username: string): Record<string, string> {
    return { DATABASE_NAME: config.database.name, DATABASE_USER: username, DATABASE_SSLMODE: "require" };
}

function redisSettings(namespace: string): Record<string, string> {
    return { REDIS_HOST: `${REDIS_SERVICE}.${namespace}.svc.cluster.local`, REDIS_PORT: String(REDIS_PORT) };
}

export interface CatalogueInput {
    readonly config: TerraceConfig;
    /** Public host names of the UI and the API (from the platform's Gateway). */
    readonly hostnames: { readonly app: string; readonly api: string };
    /** Database user the services connect as. */
    readonly databaseUser: string;
}

/** The five services of the reference application, sized by the stack's `terrace:apps`. */
export function catalogue(input: CatalogueInput): ServiceSpec[] {
    const { config, hostnames, databaseUser } = input;
    const apps = config.apps;
    const ns = apps.namespace;
    const db = databaseDependency(config);
    const frontend = apps.services.frontend;
    const gateway = apps.services["api-gateway"];
    const gatewayImage = gateway.image ?? DEFAULT_IMAGES.podinfo;
    const images: Record<Colour, string> = {
        blue: gateway.blueImage ?? gatewayImage,
        green: gateway.greenImage ?? gatewayImage,
    };
    return [
        {
            name: "frontend",
            component: "web",
            image: frontend.image ?? DEFAULT_IMAGES.frontend,
            ports: [{ name: "http", containerPort: 8080, servicePort: 80 }],
            tier: "application",
            replicas: frontend.replicas,
            maxReplicas: frontend.maxReplicas,
            resources: frontend.resources,
            runAs: runAsOf(frontend.runAsUser, RUN_AS.nginx),
            probes: {
                startup: { http: "/", port: "http" },
                liveness: { http: "/", port: "http" },
                readiness: { http: "/", port: "http" },
            },
            config: { ...commonSettings(config), API_BASE_URL: `https://${hostnames.api}` },
            callers: [{ gateway: true }],
            dependencies: [],
        },
        podinfoService("api-gateway", "gateway", apps, {
            config: { ...commonSettings(config), BACKEND_URL: `http://backend-api.${ns}.svc.cluster.local` },
            callers: [{ gateway: true }],
            dependencies: [{ app: "backend-api", ports: [9898] }],
            blueGreen: { live: gateway.liveColour, images },
        }),
        podinfoService("backend-api", "api", apps, {
            config: { ...commonSettings(config), ...databaseSettings(config, databaseUser), ...redisSettings(ns) },
            secretKeys: [...SECRET_KEYS.database, ...SECRET_KEYS.redis],
            callers: [{ app: "api-gateway" }],
            dependencies: [REDIS_DEPENDENCY, db],
        }),
        podinfoService("worker", "worker", apps, {
            config: {
                ...commonSettings(config),
                ...databaseSettings(config, databaseUser),
                ...redisSettings(ns),
                WORKER_QUEUES: "default",
            },
            secretKeys: [...SECRET_KEYS.database, ...SECRET_KEYS.redis],
            callers: [],
            dependencies: [REDIS_DEPENDENCY, db],
        }),
        podinfoService("scheduler", "scheduler", apps, {
            config: { ...commonSettings(config), ...redisSettings(ns) },
            secretKeys: [...SECRET_KEYS.redis],
            callers: [],
            dependencies: [REDIS_DEPENDENCY],
        }),
    ];
}

/** The workloads that use the database schema, and so roll out only after the migration Job. */
export const USES_DATABASE: readonly ServiceName[] = ["backend-api", "worker"];
