/**
 * Redis on the data tier: one StatefulSet pod with a gp3 volume, a password, append-only persistence and
 * allkeys-lru eviction, plus a Prometheus exporter sidecar for the "Redis down" alert.
 *
 * Single instance by design: the ERP uses Redis as cache and job queue and tolerates a restart (AOF replays
 * the queue). allkeys-lru may evict queued jobs under memory pressure; docs/apps.md says when to split.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { EXPORTER_RESOURCES, parseQuantity, ResourcesConfig } from "../config/apps";
import { placement } from "../infra/tiers";
import { DEFAULT_IMAGES, REDIS_PORT, REDIS_SERVICE, RUN_AS } from "./catalogue";
import {
    asInput,
    containerResources,
    containerSecurityContext,
    digest,
    IConfigMap,
    IContainer,
    IPodDisruptionBudget,
    IService,
    IServiceAccount,
    IServiceMonitor,
    IStatefulSet,
    INetworkPolicy,
    ObjectMeta,
    podSecurityContext,
    scratchVolume,
    SECRET_CHECKSUM_ANNOTATION,
} from "./k8s";
import { networkPolicy } from "./network-policies";
import {
    disruptionBudget,
    labelsOf,
    policyInput,
    probe,
    PROBE_TIMINGS,
    secretChecksum,
    selectorOf,
    serviceAccount,
    ServiceContext,
    serviceMonitor,
    services,
    ServiceSpec,
    topologySpread,
} from "./service";

export const REDIS_METRICS_PORT = 9121;
/** Keys of the Redis Secret: the password itself, and a config fragment that sets it. */
export const REDIS_SECRET_KEYS = { password: "password", authConf: "auth.conf" } as const;
const CONFIG_DIR = "/usr/local/etc/redis";
const AUTH_DIR = "/etc/redis-auth";

/** Share of the memory limit Redis may fill; the rest covers fork copy-on-write during AOF rewrites. */
export const MAXMEMORY_SHARE = 0.75;

export interface RedisInput {
    readonly context: ServiceContext;
    readonly image?: string;
    readonly exporterImage?: string;
    readonly resources: ResourcesConfig;
    readonly storageGiB: number;
    /** StorageClass of the data volume (the platform's encrypted gp3 class). */
    readonly storageClass: string;
    /** Workloads allowed to connect. */
    readonly clients: readonly string[];
}

export function maxMemoryBytes(resources: ResourcesConfig): number {
    return Math.floor((parseQuantity(resources.limits.memory) ?? 0) * MAXMEMORY_SHARE);
}

/** redis.conf: persistence, eviction, and the password from a file in the Secret (never on the command line). */
export function redisConf(resources: ResourcesConfig): string {
    return [
        "bind * -::*",
        `port ${REDIS_PORT}`,
        "protected-mode yes",
        "dir /data",
        "appendonly yes",
        "appendfsync everysec",
        `maxmemory ${maxMemoryBytes(resources)}`,
        "maxmemory-policy allkeys-lru",
        `include ${AUTH_DIR}/${REDIS_SECRET_KEYS.authConf}`,
        "",
    ].join("\n");
}

/** The parts of Redis that look like any other service (labels, Service, monitor, PDB, policy). */
export function redisSpec(input: RedisInput): ServiceSpec {
    const ping: readonly string[] = ["sh", "-c", `redis-cli -h 127.0.0.1 -p ${REDIS_PORT} ping | grep -q PONG`];
    return {
        name: REDIS_SERVICE,
        component: "cache",
        image: input.image ?? DEFAULT_IMAGES.redis,
        ports: [
            { name: "redis", containerPort: REDIS_PORT },
            { name: "metrics", containerPort: REDIS_METRICS_PORT },
        ],
        tier: "data",
        replicas: 1,
        resources: input.resources,
        runAs: RUN_AS.redis,
        // A large AOF replays before PING answers PONG: the start-up probe waits; liveness only needs the socket.
        probes: { startup: { exec: ping }, liveness: { tcp: "redis" }, readiness: { exec: ping } },
        callers: input.clients.map((app) => ({ app })),
        dependencies: [],
        metrics: { port: "metrics", path: "/metrics" },
    };
}

export function redisConfigMap(input: RedisInput): IConfigMap {
    const data = { "redis.conf": redisConf(input.resources) };
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
            name: `${REDIS_SERVICE}-config-${digest(data)}`,
            namespace: input.context.namespace,
            labels: labelsOf(redisSpec(input), input.context),
        },
        immutable: true,
        data,
    };
}

export function redisSecretMeta(input: RedisInput): ObjectMeta {
    return {
        name: `${REDIS_SERVICE}-auth`,
        namespace: input.context.namespace,
        labels: labelsOf(redisSpec(input), input.context),
    };
}

const passwordEnv = (name: string, secret: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key: REDIS_SECRET_KEYS.password } },
});

export function redisStatefulSet(input: RedisInput): IStatefulSet {
    const spec = redisSpec(input);
    const ctx = input.context;
    const secret = redisSecretMeta(input).name!;
    const config = redisConfigMap(input).metadata!.name!;
    const tmp = scratchVolume("tmp", "/tmp");
    const place = placement(spec.tier);
    const startupTiming = { ...PROBE_TIMINGS.startup, failureThreshold: 120 };
    const redis: IContainer = {
        name: "redis",
        image: spec.image,
        imagePullPolicy: "IfNotPresent",
        args: ["redis-server", `${CONFIG_DIR}/redis.conf`],
        ports: [{ name: "redis", containerPort: REDIS_PORT, protocol: "TCP" }],
        // redis-cli reads REDISCLI_AUTH, so the probes authenticate without a password argument.
        env: [passwordEnv("REDISCLI_AUTH", secret)],
        resources: containerResources(spec.resources),
        securityContext: containerSecurityContext(),
        startupProbe: probe(spec.probes.startup, startupTiming),
        livenessProbe: probe(spec.probes.liveness, PROBE_TIMINGS.liveness),
        readinessProbe: probe(spec.probes.readiness, PROBE_TIMINGS.readiness),
        volumeMounts: [
            { name: "data", mountPath: "/data" },
            { name: "config", mountPath: CONFIG_DIR, readOnly: true },
            { name: "auth", mountPath: AUTH_DIR, readOnly: true },
            tmp.mount,
        ],
    };
    const exporter: IContainer = {
        name: "exporter",
        image: input.exporterImage ?? DEFAULT_IMAGES.redisExporter,
        imagePullPolicy: "IfNotPresent",
        ports: [{ name: "metrics", containerPort: REDIS_METRICS_PORT, protocol: "TCP" }],
        env: [{ name: "REDIS_ADDR", value: `redis://127.0.0.1:${REDIS_PORT}` }, passwordEnv("REDIS_PASSWORD", secret)],
        resources: containerResources(EXPORTER_RESOURCES),
        securityContext: containerSecurityContext(RUN_AS.redisExporter),
        startupProbe: probe({ tcp: "metrics" }, PROBE_TIMINGS.startup),
        livenessProbe: probe({ tcp: "metrics" }, PROBE_TIMINGS.liveness),
        readinessProbe: probe({ tcp: "metrics" }, PROBE_TIMINGS.readiness),
    };
    return {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: REDIS_SERVICE, namespace: ctx.namespace, labels: labelsOf(spec, ctx) },
        spec: {
            // The Service need not be headless: clients use its virtual IP, nobody needs per-pod DNS names.
            serviceName: REDIS_SERVICE,
            replicas: 1,
            podManagementPolicy: "OrderedReady",
            updateStrategy: { type: "RollingUpdate" },
            // Keep the data volume when the StatefulSet is deleted or replaced.
            persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
            selector: { matchLabels: selectorOf(spec) },
            template: {
                metadata: { labels: labelsOf(spec, ctx) },
                spec: {
                    serviceAccountName: REDIS_SERVICE,
                    automountServiceAccountToken: false,
                    enableServiceLinks: false,
                    securityContext: podSecurityContext(spec.runAs),
                    nodeSelector: { ...place.nodeSelector },
                    tolerations: place.tolerations.map((t) => ({ ...t })),
                    topologySpreadConstraints: topologySpread(selectorOf(spec), ctx.zoneSpread),
                    // Time to flush the AOF on SIGTERM.
                    terminationGracePeriodSeconds: 60,
                    containers: [redis, exporter],
                    volumes: [
                        { name: "config", configMap: { name: config } },
                        {
                            name: "auth",
                            secret: {
                                secretName: secret,
                                items: [{ key: REDIS_SECRET_KEYS.authConf, path: REDIS_SECRET_KEYS.authConf }],
                            },
                        },
                        tmp.volume,
                    ],
                },
            },
            volumeClaimTemplates: [
                {
                    metadata: { name: "data", labels: labelsOf(spec, ctx) },
                    spec: {
                        accessModes: ["ReadWriteOnce"],
                        storageClassName: input.storageClass,
                        resources: { requests: { storage: `${input.storageGiB}Gi` } },
                    },
                },
            ],
        },
    };
}

export interface RedisManifests {
    readonly serviceAccount: IServiceAccount;
    readonly configMap: IConfigMap;
    readonly secret: ObjectMeta;
    readonly service: IService;
    readonly statefulSet: IStatefulSet;
    readonly disruptionBudget: IPodDisruptionBudget;
    readonly networkPolicy: INetworkPolicy;
    readonly serviceMonitor: IServiceMonitor;
}

export function redisManifests(input: RedisInput): RedisManifests {
    const spec = redisSpec(input);
    const ctx = input.context;
    return {
        serviceAccount: serviceAccount(spec, ctx),
        configMap: redisConfigMap(input),
        secret: redisSecretMeta(input),
        service: services(spec, ctx)[0],
        statefulSet: redisStatefulSet(input),
        disruptionBudget: disruptionBudget(spec, ctx, { name: REDIS_SERVICE, image: spec.image }),
        networkPolicy: networkPolicy(policyInput(spec, ctx)),
        serviceMonitor: serviceMonitor(spec, ctx)!,
    };
}

/** The connection URL the services use (password URL-encoded, database 0). */
export function redisUrl(password: string, namespace: string): string {
    return `redis://:${encodeURIComponent(password)}@${REDIS_SERVICE}.${namespace}.svc.cluster.local:${REDIS_PORT}/0`;
}

export interface RedisArgs {
    readonly input: RedisInput;
    /** The namespace and its guard rails. */
    readonly namespaceReady: readonly pulumi.Resource[];
    /** The release that installs the ServiceMonitor CRD. */
    /** Undefined when monitoring is disabled: the exporter's ServiceMonitor is switched off with it. */
    readonly prometheusOperator?: pulumi.Resource;
    /** Protect the data volume's StatefulSet from accidental deletion (prod); default false. */
    readonly protect?: boolean;
}

/** Redis and everything around it; `password` is a Pulumi secret for the services' connection settings. */
export class Redis extends pulumi.ComponentResource {
    readonly password: pulumi.Output<string>;
    readonly statefulSet: k8s.apps.v1.StatefulSet;

    constructor(name: string, args: RedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:Redis", name, {}, opts);
        const m = redisManifests(args.input);
        const ns = [...args.namespaceReady];
        const base: pulumi.CustomResourceOptions = { parent: this, dependsOn: ns };

        // URL-safe characters only: the password is embedded in REDIS_URL.
        const password = new random.RandomPassword(
            `${name}-password`,
            { length: 32, special: false },
            { parent: this },
        );
        this.password = password.result;
        const authConf = pulumi.interpolate`requirepass ${password.result}\n`;
        const values = { [REDIS_SECRET_KEYS.password]: password.result, [REDIS_SECRET_KEYS.authConf]: authConf };

        const sa = new k8s.core.v1.ServiceAccount(
            `${name}-sa`,
            asInput<k8s.core.v1.ServiceAccountArgs>(m.serviceAccount),
            base,
        );
        const config = new k8s.core.v1.ConfigMap(
            `${name}-config`,
            asInput<k8s.core.v1.ConfigMapArgs>(m.configMap),
            base,
        );
        const secret = new k8s.core.v1.Secret(
            `${name}-auth`,
            { metadata: m.secret, type: "Opaque", stringData: values },
            base,
        );
        const service = new k8s.core.v1.Service(`${name}-service`, asInput<k8s.core.v1.ServiceArgs>(m.service), base);
        const policy = new k8s.networking.v1.NetworkPolicy(
            `${name}-netpol`,
            asInput<k8s.networking.v1.NetworkPolicyArgs>(m.networkPolicy),
            base,
        );
        const checksum = pulumi.unsecret(pulumi.all(values).apply((v) => secretChecksum(v)));
        const sts = m.statefulSet.spec!;
        this.statefulSet = new k8s.apps.v1.StatefulSet(
            `${name}-statefulset`,
            {
                metadata: asInput<k8s.types.input.meta.v1.ObjectMeta>(m.statefulSet.metadata),
                spec: asInput<k8s.types.input.apps.v1.StatefulSetSpec>({
                    ...sts,
                    template: {
                        ...sts.template,
                        metadata: { ...sts.template.metadata, annotations: { [SECRET_CHECKSUM_ANNOTATION]: checksum } },
                    },
                }),
            },
            { ...base, dependsOn: [...ns, sa, config, secret, service, policy], protect: args.protect ?? false },
        );
        new k8s.policy.v1.PodDisruptionBudget(
            `${name}-pdb`,
            asInput<k8s.policy.v1.PodDisruptionBudgetArgs>(m.disruptionBudget),
            base,
        );
        if (args.prometheusOperator) {
            new k8s.apiextensions.CustomResource(`${name}-monitor`, m.serviceMonitor, {
                ...base,
                dependsOn: [...ns, args.prometheusOperator],
            });
        }
        this.registerOutputs({});
    }
}
