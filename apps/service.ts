/**
 * One component turns a short service spec into everything a production service needs: Deployment (one per
 * colour for blue/green), Service, ServiceAccount, HPA, PDB, NetworkPolicies, ServiceMonitor, ConfigMap and
 * Secret. The decisions are the pure functions below; `AppService` only registers what they return.
 */
import * as crypto from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Colour, ResourcesConfig } from "../config/apps";
import { placement, TierName } from "../infra/tiers";
import {
    appLabels,
    asInput,
    COLOUR_LABEL,
    containerResources,
    containerSecurityContext,
    digest,
    IConfigMap,
    IContainer,
    IDeployment,
    IHorizontalPodAutoscaler,
    INetworkPolicy,
    IPodDisruptionBudget,
    IPodSpec,
    IProbe,
    IService,
    IServiceAccount,
    IServiceMonitor,
    NAME_LABEL,
    ObjectMeta,
    Ownership,
    podSecurityContext,
    RunAs,
    scratchVolume,
    SECRET_CHECKSUM_ANNOTATION,
    Volume,
    VolumeMount,
} from "./k8s";
import {
    CiliumNetworkPolicy,
    Dependency,
    gatewayPolicy,
    IngressRule,
    networkPolicy,
    NetworkPolicyInput,
    Peer,
} from "./network-policies";

/** How the kubelet checks a container: an HTTP GET on a named port, a TCP connect, or a command. */
export type ProbeAction =
    { readonly http: string; readonly port: string } | { readonly tcp: string } | { readonly exec: readonly string[] };

export interface PortSpec {
    /** Port name (http, metrics); probes, the Service and the ServiceMonitor refer to it. */
    readonly name: string;
    readonly containerPort: number;
    /** Port on the Service; default the container port. */
    readonly servicePort?: number;
}

export interface ServiceSpec {
    /** DNS label; names every object and is the selector label. */
    readonly name: string;
    /** app.kubernetes.io/component: web, gateway, api, worker, scheduler. */
    readonly component: string;
    /** Pinned image (tag or digest); ignored when `blueGreen` gives one per colour. */
    readonly image: string;
    readonly command?: readonly string[];
    readonly args?: readonly string[];
    /** Listening ports; a Service is created when there is at least one. */
    readonly ports: readonly PortSpec[];
    /** Node tier the pods are placed on (infra/tiers.ts). */
    readonly tier: TierName;
    /** Replicas, or the HPA minimum when maxReplicas is larger. */
    readonly replicas: number;
    /** HPA maximum; an HPA is created only when it exceeds replicas. Default none. */
    readonly maxReplicas?: number;
    readonly resources: ResourcesConfig;
    /** Numeric uid/gid (the image's non-root user). */
    readonly runAs: RunAs;
    readonly probes: { readonly startup: ProbeAction; readonly liveness: ProbeAction; readonly readiness: ProbeAction };
    /** Extra writable emptyDirs, volume name -> mount path; /tmp is always writable. Default none. */
    readonly writablePaths?: Readonly<Record<string, string>>;
    /** Non-secret settings, served from an immutable ConfigMap as environment variables. Default none. */
    readonly config?: Readonly<Record<string, string>>;
    /** Keys of the workload's Secret, exposed as environment variables; the values go to AppService. Default none. */
    readonly secretKeys?: readonly string[];
    /** Who may connect to the service's ports. Default nobody. */
    readonly callers?: readonly Peer[];
    /** What the service may connect to (DNS is always allowed). Default nothing. */
    readonly dependencies?: readonly Dependency[];
    /** The Prometheus endpoint, which gets a ServiceMonitor and admits Prometheus. Default none. */
    readonly metrics?: { readonly port: string; readonly path: string };
    /** Mount a Kubernetes API token; only for workloads that call the API. Default false. */
    readonly mountServiceAccountToken?: boolean;
    /** Run a blue and a green Deployment; the Service selects `live`, `<name>-preview` the other. Default none. */
    readonly blueGreen?: { readonly live: Colour; readonly images: Readonly<Record<Colour, string>> };
}

export interface ServiceContext {
    readonly namespace: string;
    /** app.kubernetes.io/part-of of every object. */
    readonly partOf: string;
    readonly ownership: Ownership;
    /** Zone spread: hard in prod, so replicas survive an AZ outage; soft elsewhere (few nodes per tier). */
    readonly zoneSpread: "DoNotSchedule" | "ScheduleAnyway";
    /** Namespace of Prometheus, admitted to metrics ports. */
    /** Where Prometheus runs; undefined when monitoring is disabled (no scrape rule is opened). */
    readonly monitoringNamespace?: string;
    /** Labels kube-prometheus-stack selects ServiceMonitors and PrometheusRules by. */
    readonly monitorLabels: Readonly<Record<string, string>>;
}

/** Labels of the Prometheus pods that kube-prometheus-stack's operator creates. */
export const PROMETHEUS_POD_LABELS: Readonly<Record<string, string>> = { [NAME_LABEL]: "prometheus" };

/** The kubelet's probe timings: a generous start-up window, then quick readiness and patient liveness. */
export const PROBE_TIMINGS: Readonly<Record<"startup" | "liveness" | "readiness", ProbeTiming>> = {
    startup: { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 30 },
    liveness: { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    readiness: { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
};

/** Seconds a terminating pod keeps serving so the gateway and kube-proxy stop routing to it first. */
export const PRESTOP_SLEEP_SECONDS = 5;

/** HPA targets (average utilisation of requests). */
export const HPA_CPU_TARGET = 70;
export const HPA_MEMORY_TARGET = 80;

export interface ProbeTiming {
    readonly periodSeconds: number;
    readonly timeoutSeconds: number;
    readonly failureThreshold: number;
}

export function probe(action: ProbeAction, timing: ProbeTiming): IProbe {
    const handler =
        "http" in action
            ? { httpGet: { path: action.http, port: action.port, scheme: "HTTP" as const } }
            : "tcp" in action
              ? { tcpSocket: { port: action.tcp } }
              : { exec: { command: [...action.exec] } };
    return { ...handler, ...timing, successThreshold: 1 };
}

/** One Deployment of a service: the only one, or one colour of a blue/green pair. */
export interface Variant {
    readonly name: string;
    readonly image: string;
    readonly colour?: Colour;
}

export function variants(spec: ServiceSpec): Variant[] {
    if (!spec.blueGreen) return [{ name: spec.name, image: spec.image }];
    const { images } = spec.blueGreen;
    return (["blue", "green"] as const).map((colour) => ({
        name: `${spec.name}-${colour}`,
        image: images[colour],
        colour,
    }));
}

export function hasAutoscaler(spec: ServiceSpec): boolean {
    return spec.maxReplicas !== undefined && spec.maxReplicas > spec.replicas;
}

/** The immutable ConfigMap's name carries a digest of its data, so a change creates a new one and rolls pods. */
export function configMapName(spec: ServiceSpec): string | undefined {
    return spec.config && Object.keys(spec.config).length > 0
        ? `${spec.name}-config-${digest(spec.config)}`
        : undefined;
}

export function secretName(spec: ServiceSpec): string | undefined {
    return spec.secretKeys && spec.secretKeys.length > 0 ? `${spec.name}-secrets` : undefined;
}

export function labelsOf(spec: ServiceSpec, ctx: ServiceContext): Record<string, string> {
    return appLabels(spec.name, spec.component, ctx.partOf, ctx.ownership);
}

export function selectorOf(spec: ServiceSpec, colour?: Colour): Record<string, string> {
    return { [NAME_LABEL]: spec.name, ...(colour ? { [COLOUR_LABEL]: colour } : {}) };
}

function meta(name: string, spec: ServiceSpec, ctx: ServiceContext, extra: Record<string, string> = {}): ObjectMeta {
    return { name, namespace: ctx.namespace, labels: { ...labelsOf(spec, ctx), ...extra } };
}

/** The container: pinned image, probes, requests and limits, restricted security context, config as env. */
export function container(spec: ServiceSpec, image: string): IContainer {
    const cm = configMapName(spec);
    const secret = secretName(spec);
    return {
        name: spec.name,
        image,
        imagePullPolicy: "IfNotPresent",
        ...(spec.command ? { command: [...spec.command] } : {}),
        ...(spec.args ? { args: [...spec.args] } : {}),
        ports: spec.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: "TCP" })),
        ...(cm || secret
            ? {
                  envFrom: [
                      ...(cm ? [{ configMapRef: { name: cm } }] : []),
                      ...(secret ? [{ secretRef: { name: secret } }] : []),
                  ],
              }
            : {}),
        resources: containerResources(spec.resources),
        securityContext: containerSecurityContext(),
        startupProbe: probe(spec.probes.startup, PROBE_TIMINGS.startup),
        livenessProbe: probe(spec.probes.liveness, PROBE_TIMINGS.liveness),
        readinessProbe: probe(spec.probes.readiness, PROBE_TIMINGS.readiness),
        lifecycle: { preStop: { sleep: { seconds: PRESTOP_SLEEP_SECONDS } } },
        volumeMounts: scratchMounts(spec).map((s) => s.mount),
    };
}

/** The writable emptyDirs: /tmp always, plus the service's own. */
function scratchMounts(spec: ServiceSpec): { volume: Volume; mount: VolumeMount }[] {
    return [
        scratchVolume("tmp", "/tmp"),
        ...Object.entries(spec.writablePaths ?? {}).map(([name, path]) => scratchVolume(name, path)),
    ];
}

/** Spread over zones (hard in prod) and over nodes (soft), counted per ReplicaSet revision. */
export function topologySpread(
    selector: Record<string, string>,
    zoneSpread: ServiceContext["zoneSpread"],
): NonNullable<IPodSpec["topologySpreadConstraints"]> {
    const common = {
        maxSkew: 1,
        labelSelector: { matchLabels: { ...selector } },
        matchLabelKeys: ["pod-template-hash"],
    };
    return [
        { ...common, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: zoneSpread },
        { ...common, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" },
    ];
}

/** The pod spec of one variant: on its tier, restricted, no API token unless asked for. */
export function podSpec(spec: ServiceSpec, ctx: ServiceContext, variant: Variant): IPodSpec {
    const place = placement(spec.tier);
    const volumes: Volume[] = scratchMounts(spec).map((s) => s.volume);
    return {
        serviceAccountName: spec.name,
        automountServiceAccountToken: spec.mountServiceAccountToken ?? false,
        // Service links inject FOO_PORT-style variables that collide with real settings (REDIS_PORT).
        enableServiceLinks: false,
        securityContext: podSecurityContext(spec.runAs),
        nodeSelector: { ...place.nodeSelector },
        tolerations: place.tolerations.map((t) => ({ ...t })),
        topologySpreadConstraints: topologySpread(selectorOf(spec, variant.colour), ctx.zoneSpread),
        terminationGracePeriodSeconds: 30,
        containers: [container(spec, variant.image)],
        volumes,
    };
}

export function deployment(spec: ServiceSpec, ctx: ServiceContext, variant: Variant): IDeployment {
    const colourLabel: Record<string, string> = variant.colour ? { [COLOUR_LABEL]: variant.colour } : {};
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: meta(variant.name, spec, ctx, colourLabel),
        spec: {
            // With an HPA the replica count is the HPA's: declaring it here would reset it on every update.
            ...(hasAutoscaler(spec) ? {} : { replicas: spec.replicas }),
            revisionHistoryLimit: 5,
            progressDeadlineSeconds: 600,
            strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
            selector: { matchLabels: selectorOf(spec, variant.colour) },
            template: {
                metadata: { labels: { ...labelsOf(spec, ctx), ...colourLabel } },
                spec: podSpec(spec, ctx, variant),
            },
        },
    };
}

/** The Service (live colour for blue/green) and, for blue/green, `<name>-preview` on the idle colour. */
export function services(spec: ServiceSpec, ctx: ServiceContext): IService[] {
    if (spec.ports.length === 0) return [];
    const ports = spec.ports.map((p) => ({
        name: p.name,
        port: p.servicePort ?? p.containerPort,
        targetPort: p.name,
        protocol: "TCP" as const,
    }));
    const make = (name: string, colour?: Colour): IService => ({
        apiVersion: "v1",
        kind: "Service",
        metadata: meta(name, spec, ctx),
        spec: { type: "ClusterIP", selector: selectorOf(spec, colour), ports: ports.map((p) => ({ ...p })) },
    });
    if (!spec.blueGreen) return [make(spec.name)];
    const idle: Colour = spec.blueGreen.live === "blue" ? "green" : "blue";
    return [make(spec.name, spec.blueGreen.live), make(`${spec.name}-preview`, idle)];
}

export function autoscaler(
    spec: ServiceSpec,
    ctx: ServiceContext,
    variant: Variant,
): IHorizontalPodAutoscaler | undefined {
    if (!hasAutoscaler(spec)) return undefined;
    const utilisation = (name: "cpu" | "memory", averageUtilization: number) => ({
        type: "Resource" as const,
        resource: { name, target: { type: "Utilization" as const, averageUtilization } },
    });
    return {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: meta(variant.name, spec, ctx),
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: variant.name },
            minReplicas: spec.replicas,
            maxReplicas: spec.maxReplicas!,
            metrics: [utilisation("cpu", HPA_CPU_TARGET), utilisation("memory", HPA_MEMORY_TARGET)],
            behavior: {
                // Up fast (double, or +4 pods, every 30 s); down slowly after 5 minutes of calm, to ride out dips.
                scaleUp: {
                    stabilizationWindowSeconds: 0,
                    selectPolicy: "Max",
                    policies: [
                        { type: "Percent", value: 100, periodSeconds: 30 },
                        { type: "Pods", value: 4, periodSeconds: 30 },
                    ],
                },
                scaleDown: {
                    stabilizationWindowSeconds: 300,
                    selectPolicy: "Min",
                    policies: [
                        { type: "Percent", value: 20, periodSeconds: 60 },
                        { type: "Pods", value: 2, periodSeconds: 60 },
                    ],
                },
            },
        },
    };
}

/**
 * At most one pod of a variant down for voluntary disruptions (node drains, upgrades). maxUnavailable rather
 * than minAvailable, so a single-replica workload can still be drained; crash-looping pods may always be evicted.
 */
export function disruptionBudget(spec: ServiceSpec, ctx: ServiceContext, variant: Variant): IPodDisruptionBudget {
    return {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: meta(variant.name, spec, ctx),
        spec: {
            maxUnavailable: 1,
            selector: { matchLabels: selectorOf(spec, variant.colour) },
            unhealthyPodEvictionPolicy: "AlwaysAllow",
        },
    };
}

/** Each workload its own identity, with no API token unless it calls the API. */
export function serviceAccount(
    spec: ServiceSpec,
    ctx: ServiceContext,
    annotations?: Record<string, string>,
): IServiceAccount {
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { ...meta(spec.name, spec, ctx), ...(annotations ? { annotations: { ...annotations } } : {}) },
        automountServiceAccountToken: spec.mountServiceAccountToken ?? false,
    };
}

export function configMap(spec: ServiceSpec, ctx: ServiceContext): IConfigMap | undefined {
    const name = configMapName(spec);
    if (!name) return undefined;
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: meta(name, spec, ctx),
        immutable: true,
        data: { ...spec.config },
    };
}

export function serviceMonitor(spec: ServiceSpec, ctx: ServiceContext): IServiceMonitor | undefined {
    if (!spec.metrics) return undefined;
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: meta(spec.name, spec, ctx, { ...ctx.monitorLabels }),
        spec: {
            selector: { matchLabels: { [NAME_LABEL]: spec.name } },
            namespaceSelector: { matchNames: [ctx.namespace] },
            endpoints: [{ port: spec.metrics.port, path: spec.metrics.path, interval: "30s", scrapeTimeout: "10s" }],
        },
    };
}

/** The flows of a service: declared callers on its serving ports, Prometheus on the metrics port, declared dependencies. */
export function policyInput(spec: ServiceSpec, ctx: ServiceContext): NetworkPolicyInput {
    const metricsPort = spec.metrics ? spec.ports.find((p) => p.name === spec.metrics!.port) : undefined;
    const serving = spec.ports.filter((p) => p !== metricsPort).map((p) => p.containerPort);
    const ingress: IngressRule[] =
        serving.length > 0 ? (spec.callers ?? []).map((from) => ({ from, ports: serving })) : [];
    if (spec.metrics && ctx.monitoringNamespace !== undefined) {
        const port = metricsPort?.containerPort ?? spec.ports[0]?.containerPort;
        if (port !== undefined)
            ingress.push({
                from: { namespace: ctx.monitoringNamespace, podLabels: PROMETHEUS_POD_LABELS },
                ports: [port],
            });
    }
    return {
        name: spec.name,
        namespace: ctx.namespace,
        labels: labelsOf(spec, ctx),
        podSelector: selectorOf(spec),
        ingress,
        egress: spec.dependencies ?? [],
    };
}

/** Every object of a service except its Secret (whose values are Pulumi secrets, see AppService). */
export interface ServiceManifests {
    readonly serviceAccount: IServiceAccount;
    readonly configMap?: IConfigMap;
    readonly secret?: ObjectMeta;
    readonly deployments: IDeployment[];
    readonly services: IService[];
    readonly autoscalers: IHorizontalPodAutoscaler[];
    readonly disruptionBudgets: IPodDisruptionBudget[];
    readonly networkPolicy: INetworkPolicy;
    readonly gatewayPolicy?: CiliumNetworkPolicy;
    readonly serviceMonitor?: IServiceMonitor;
}

export function serviceManifests(spec: ServiceSpec, ctx: ServiceContext): ServiceManifests {
    const vs = variants(spec);
    const secret = secretName(spec);
    const policy = policyInput(spec, ctx);
    return {
        serviceAccount: serviceAccount(spec, ctx),
        configMap: configMap(spec, ctx),
        secret: secret ? meta(secret, spec, ctx) : undefined,
        deployments: vs.map((v) => deployment(spec, ctx, v)),
        services: services(spec, ctx),
        autoscalers: vs
            .map((v) => autoscaler(spec, ctx, v))
            .filter((a): a is IHorizontalPodAutoscaler => a !== undefined),
        disruptionBudgets: vs.map((v) => disruptionBudget(spec, ctx, v)),
        networkPolicy: networkPolicy(policy),
        gatewayPolicy: gatewayPolicy(policy),
        serviceMonitor: serviceMonitor(spec, ctx),
    };
}

/** A digest of the Secret's values: a pod template annotation, so a rotated password rolls the pods. */
export function secretChecksum(values: Readonly<Record<string, string>>): string {
    const hash = crypto.createHash("sha256");
    for (const key of Object.keys(values).sort()) hash.update(`${key}\0${values[key]}\0`);
    return hash.digest("hex").slice(0, 16);
}

/** The Deployment with one more pod template annotation whose value is only known at deploy time. */
export function withPodAnnotation(
    d: IDeployment,
    key: string,
    value: pulumi.Input<string>,
): pulumi.Input<k8s.types.input.apps.v1.DeploymentSpec> {
    const spec = d.spec!;
    return asInput<pulumi.Input<k8s.types.input.apps.v1.DeploymentSpec>>({
        ...spec,
        template: {
            ...spec.template,
            metadata: {
                ...spec.template.metadata,
                annotations: { ...spec.template.metadata?.annotations, [key]: value },
            },
        },
    });
}

export interface AppServiceArgs {
    readonly spec: ServiceSpec;
    readonly context: ServiceContext;
    /** Values of the Secret, by key (must match spec.secretKeys); default none. */
    readonly secrets?: Readonly<Record<string, pulumi.Input<string>>>;
    /** The namespace and its guard rails (quota, limits, default deny): everything here is created after them. */
    readonly namespaceReady: readonly pulumi.Resource[];
    /**
     * What the custom resources wait for: the release installing the ServiceMonitor CRD, and for the
     * CiliumNetworkPolicy a release whose pods ran (Cilium's operator registers its CRDs only once it runs).
     */
    /** prometheusOperator is undefined when monitoring is disabled: the ServiceMonitor is switched off with it. */
    readonly crds: { readonly prometheusOperator?: pulumi.Resource; readonly ciliumPolicies: pulumi.Resource };
    /** What the Deployments must wait for (the migration Job); default nothing. */
    readonly startAfter?: readonly pulumi.Resource[];
}

/** A service of the application: wires the objects `serviceManifests` decides, nothing more. */
export class AppService extends pulumi.ComponentResource {
    readonly deployments: k8s.apps.v1.Deployment[];
    readonly services: k8s.core.v1.Service[];

    constructor(name: string, args: AppServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:AppService", name, {}, opts);
        const { spec, context } = args;
        const m = serviceManifests(spec, context);
        const ns = [...args.namespaceReady];
        const base: pulumi.CustomResourceOptions = { parent: this, dependsOn: ns };

        const expected = [...(spec.secretKeys ?? [])].sort().join(",");
        const given = Object.keys(args.secrets ?? {})
            .sort()
            .join(",");
        if (expected !== given)
            throw new Error(`${spec.name}: secret values for [${given}] but the spec declares [${expected}]`);

        const sa = new k8s.core.v1.ServiceAccount(
            `${name}-sa`,
            m.serviceAccount as k8s.types.input.core.v1.ServiceAccount,
            base,
        );
        const ready: pulumi.Resource[] = [sa];
        if (m.configMap)
            ready.push(
                new k8s.core.v1.ConfigMap(`${name}-config`, m.configMap as k8s.types.input.core.v1.ConfigMap, base),
            );
        let checksum: pulumi.Output<string> | undefined;
        if (m.secret && args.secrets) {
            const values = args.secrets;
            ready.push(
                new k8s.core.v1.Secret(
                    `${name}-secret`,
                    { metadata: m.secret, type: "Opaque", stringData: { ...values } },
                    base,
                ),
            );
            // A digest of random passwords reveals nothing usable, so it may be shown in the clear.
            checksum = pulumi.unsecret(pulumi.all(values).apply((v) => secretChecksum(v as Record<string, string>)));
        }
        const policy = new k8s.networking.v1.NetworkPolicy(
            `${name}-netpol`,
            m.networkPolicy as k8s.types.input.networking.v1.NetworkPolicy,
            base,
        );
        ready.push(policy);
        if (m.gatewayPolicy) {
            new k8s.apiextensions.CustomResource(`${name}-gateway-policy`, m.gatewayPolicy, {
                ...base,
                dependsOn: [...ns, args.crds.ciliumPolicies],
            });
        }

        this.deployments = m.deployments.map(
            (d) =>
                new k8s.apps.v1.Deployment(
                    `${name}-deployment${suffixOf(d.metadata!.name!, spec.name)}`,
                    {
                        metadata: d.metadata as k8s.types.input.meta.v1.ObjectMeta,
                        spec: checksum
                            ? withPodAnnotation(d, SECRET_CHECKSUM_ANNOTATION, checksum)
                            : asInput<k8s.types.input.apps.v1.DeploymentSpec>(d.spec),
                    },
                    { ...base, dependsOn: [...ns, ...ready, ...(args.startAfter ?? [])] },
                ),
        );
        this.services = m.services.map(
            (s, i) =>
                new k8s.core.v1.Service(
                    i === 0 ? `${name}-service` : `${name}-service-preview`,
                    s as k8s.types.input.core.v1.Service,
                    base,
                ),
        );
        m.autoscalers.forEach((hpa, i) => {
            const target = this.deployments[i];
            new k8s.autoscaling.v2.HorizontalPodAutoscaler(
                `${name}-hpa${suffixOf(hpa.metadata!.name!, spec.name)}`,
                asInput<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>(hpa),
                {
                    ...base,
                    dependsOn: [...ns, target],
                },
            );
        });
        m.disruptionBudgets.forEach((pdb) => {
            new k8s.policy.v1.PodDisruptionBudget(
                `${name}-pdb${suffixOf(pdb.metadata!.name!, spec.name)}`,
                asInput<k8s.policy.v1.PodDisruptionBudgetArgs>(pdb),
                base,
            );
        });
        const prometheusOperator = args.crds.prometheusOperator;
        if (m.serviceMonitor && prometheusOperator) {
            new k8s.apiextensions.CustomResource(`${name}-monitor`, m.serviceMonitor, {
                ...base,
                dependsOn: [...ns, prometheusOperator],
            });
        }
        this.registerOutputs({});
    }
}

/** `-blue` for `api-gateway-blue` of `api-gateway`; empty for the single variant. */
function suffixOf(objectName: string, serviceName: string): string {
    return objectName === serviceName ? "" : objectName.slice(serviceName.length);
}
