/**
 * kube-prometheus-stack: Prometheus, Alertmanager, Grafana, the operator, kube-state-metrics and node-exporter.
 * Prometheus and Alertmanager keep their data on gp3 volumes on the data tier; the operator, Grafana and
 * kube-state-metrics run on the system tier; node-exporter runs on every node of every tier. Targets EKS hides
 * (controller manager, scheduler, etcd) and kube-proxy (replaced by Cilium) are off, and every ServiceMonitor,
 * PodMonitor, Probe, ScrapeConfig and PrometheusRule in the cluster is picked up, not only the chart's own.
 *
 * Platform (platform/index.ts) composes it as:
 *   const monitoring = new Monitoring(`${name}-monitoring`, {
 *       config, cluster, nodeGroups, namespace: namespaces.monitoring, // createNamespaces(...) in platform/namespaces.ts
 *       storageClass: <the gp3 StorageClass name, an Output of the StorageClass so volumes wait for it>,
 *   }, { parent: this });
 *   // crds.prometheusOperator = monitoring.release
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment } from "../config";
import type { MonitoringConfig, MonitoringSecretKey, ReceiverConfig } from "../config/platform/monitoring";
import { placement, TIER_NAMES, Toleration } from "../infra/tiers";
import { ChartPin, pinnedRelease } from "./release";

/** tests/fixtures/charts/kube-prometheus-stack/Chart.yaml; the repository is prometheus-community's. */
export const KUBE_PROMETHEUS_STACK_PIN: ChartPin = {
    chart: "kube-prometheus-stack",
    version: "88.5.3",
    repository: "https://prometheus-community.github.io/helm-charts",
};

const DEFAULT_RETENTION: Readonly<Record<Environment, string>> = { dev: "7d", staging: "15d", prod: "30d" };
const DEFAULT_PROMETHEUS_GIB: Readonly<Record<Environment, number>> = { dev: 20, staging: 50, prod: 100 };

/** Alertmanager keeps silences and notification state only; a small volume is plenty. */
export const ALERTMANAGER_STORAGE_GIB = 5;

/** The Secret holding the webhook URLs, mounted by Alertmanager at /etc/alertmanager/secrets/<name>/. */
export const WEBHOOK_SECRET_NAME = "alertmanager-webhooks";

/** The Secret Grafana reads its admin credentials from (grafana.admin.existingSecret). */
export const GRAFANA_ADMIN_SECRET_NAME = "grafana-admin";

/** The settings that decide the values, with the environment's defaults applied. */
export interface MonitoringSettings {
    /** Prometheus replicas x2, Alertmanager x3, hard anti-affinity and PDBs (prod). */
    readonly ha: boolean;
    readonly retention: string;
    readonly prometheusStorageGiB: number;
    readonly receivers: readonly ReceiverConfig[];
}

/** The environment's defaults under the configured values. Pure. */
export function monitoringSettings(m: MonitoringConfig, environment: Environment): MonitoringSettings {
    return {
        ha: environment === "prod",
        retention: m.retention ?? DEFAULT_RETENTION[environment],
        prometheusStorageGiB: m.prometheusStorageGiB ?? DEFAULT_PROMETHEUS_GIB[environment],
        receivers: m.receivers,
    };
}

/** Tolerations for every tier in the tier table: node-exporter must run on every node. */
export function everyTierTolerations(): Toleration[] {
    const seen = new Set<string>();
    return TIER_NAMES.flatMap((tier) => placement(tier).tolerations).filter((t) => {
        const key = `${t.key}=${t.value}:${t.effect}`;
        return !seen.has(key) && (seen.add(key), true);
    });
}

/**
 * The Alertmanager configuration: every receiver gets the alerts of its severities (several receivers may get
 * the same alert); everything else goes to the "null" receiver. URLs are read from the mounted Secret
 * (`url_file`), so they never appear in the values, the Alertmanager CR or the Pulumi plan. Pure.
 */
export function alertmanagerConfig(
    receivers: readonly ReceiverConfig[],
    secretName: string = WEBHOOK_SECRET_NAME,
): Record<string, unknown> {
    return {
        global: { resolve_timeout: "5m" },
        route: {
            group_by: ["namespace", "alertname"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "12h",
            receiver: "null",
            routes: [
                // Watchdog fires all the time to prove the pipeline works; InfoInhibitor only mutes info alerts.
                { receiver: "null", matchers: ['alertname = "Watchdog"'] },
                { receiver: "null", matchers: ['alertname = "InfoInhibitor"'] },
                ...receivers.map((r) => ({
                    receiver: r.name,
                    matchers: [`severity =~ "${r.severities.join("|")}"`],
                    continue: true,
                })),
            ],
        },
        receivers: [
            { name: "null" },
            ...receivers.map((r) => ({
                name: r.name,
                webhook_configs: [
                    { url_file: `/etc/alertmanager/secrets/${secretName}/${r.name}`, send_resolved: true },
                ],
            })),
        ],
    };
}

function volumeClaim(storageClass: string, gib: number): Record<string, unknown> {
    return {
        volumeClaimTemplate: {
            spec: {
                storageClassName: storageClass,
                accessModes: ["ReadWriteOnce"],
                resources: { requests: { storage: `${gib}Gi` } },
            },
        },
    };
}

export interface MonitoringValuesInput extends MonitoringSettings {
    /** StorageClass of the Prometheus and Alertmanager volumes; default gp3 (part A's encrypted gp3 class). */
    readonly storageClass: string;
    /** Secret with the receivers' webhook URLs (mounted into Alertmanager when there are receivers). */
    readonly webhookSecretName: string;
    /** Secret with Grafana's admin-user and admin-password keys. */
    readonly grafanaAdminSecretName: string;
}

/** Values for the kube-prometheus-stack chart. Pure. */
export function monitoringValues(input: MonitoringValuesInput): Record<string, unknown> {
    const system = placement("system");
    const data = placement("data");
    const onSystem = { nodeSelector: system.nodeSelector, tolerations: system.tolerations };
    const onData = { nodeSelector: data.nodeSelector, tolerations: data.tolerations };
    const antiAffinity = input.ha ? "hard" : "soft";
    const alertmanagerReplicas = input.ha ? 3 : 1;
    // Keep 15% headroom so Prometheus deletes old blocks before the volume fills (retention is by time otherwise).
    const retentionSize = `${Math.floor(input.prometheusStorageGiB * 0.85)}GB`;
    return {
        // EKS runs the control plane out of reach: these targets would only ever be "down".
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        // Cilium replaces kube-proxy (kubeProxyReplacement); there is no kube-proxy to scrape.
        kubeProxy: { enabled: false },
        defaultRules: {
            rules: {
                etcd: false,
                kubeControllerManager: false,
                kubeSchedulerAlerting: false,
                kubeSchedulerRecording: false,
                kubeProxy: false,
            },
        },
        prometheusOperator: {
            ...onSystem,
            admissionWebhooks: { patch: { ...onSystem } },
        },
        "kube-state-metrics": { ...onSystem },
        "prometheus-node-exporter": {
            // Replaces the chart's catch-all `operator: Exists` with exactly the tier table's taints.
            tolerations: everyTierTolerations(),
        },
        grafana: {
            ...onSystem,
            admin: {
                existingSecret: input.grafanaAdminSecretName,
                userKey: "admin-user",
                passwordKey: "admin-password",
            },
        },
        prometheus: {
            podDisruptionBudget: input.ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
            prometheusSpec: {
                ...onData,
                replicas: input.ha ? 2 : 1,
                podAntiAffinity: antiAffinity,
                retention: input.retention,
                retentionSize,
                storageSpec: volumeClaim(input.storageClass, input.prometheusStorageGiB),
                // false: an empty selector then selects everything, not only objects labelled for this release.
                serviceMonitorSelectorNilUsesHelmValues: false,
                podMonitorSelectorNilUsesHelmValues: false,
                probeSelectorNilUsesHelmValues: false,
                scrapeConfigSelectorNilUsesHelmValues: false,
                ruleSelectorNilUsesHelmValues: false,
            },
        },
        alertmanager: {
            podDisruptionBudget: input.ha
                ? { enabled: true, minAvailable: alertmanagerReplicas - 1 }
                : { enabled: false },
            config: alertmanagerConfig(input.receivers, input.webhookSecretName),
            alertmanagerSpec: {
                ...onData,
                replicas: alertmanagerReplicas,
                podAntiAffinity: antiAffinity,
                storage: volumeClaim(input.storageClass, ALERTMANAGER_STORAGE_GIB),
                secrets: input.receivers.length > 0 ? [input.webhookSecretName] : [],
            },
        },
    };
}

/** Where a receiver's URL comes from: the top-level secret key, read as a Pulumi secret. */
export type SecretReader = (key: MonitoringSecretKey) => pulumi.Output<string>;

/** Reads `terrace:<key>` as a secret; a missing key fails the run naming the key. */
export const requireTerraceSecret: SecretReader = (key) => new pulumi.Config("terrace").requireSecret(key);

export interface MonitoringArgs {
    /** The stack's profile (dev, staging, prod): decides the defaults under the settings. */
    readonly environment: Environment;
    /** `terrace:platform.monitoring`. */
    readonly settings: MonitoringConfig;
    /** The cluster whose Kubernetes provider installs the release. */
    readonly cluster: ClusterInfo;
    /** The node groups; the release waits for the system and data tiers its controllers and volumes use. */
    readonly nodeGroups: TierNodeGroups;
    /** The namespace (platform/namespaces.ts creates it with its Pod Security labels); the release waits for it. */
    readonly namespace: k8s.core.v1.Namespace;
    /** StorageClass of the Prometheus and Alertmanager volumes; default "gp3". */
    readonly storageClass?: pulumi.Input<string>;
    /** Reads the webhook URL secrets; default `pulumi.Config("terrace").requireSecret`. */
    readonly readSecret?: SecretReader;
}

/** kube-prometheus-stack with its Grafana admin Secret and the Alertmanager webhook Secret. */
export class Monitoring extends pulumi.ComponentResource {
    /** The release; it installs the monitoring.coreos.com CRDs (PlatformOutputs.crds.prometheusOperator). */
    readonly release: k8s.helm.v3.Release;
    /** Grafana's admin password, a Pulumi secret. */
    readonly grafanaAdminPassword: pulumi.Output<string>;

    constructor(name: string, args: MonitoringArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:Monitoring", name, {}, opts);
        const settings = monitoringSettings(args.settings, args.environment);
        const provider = args.cluster.provider;
        const password = new random.RandomPassword(
            `${name}-grafana-admin`,
            { length: 32, special: false },
            { parent: this },
        );
        this.grafanaAdminPassword = pulumi.secret(password.result);
        const grafanaSecret = new k8s.core.v1.Secret(
            `${name}-grafana-admin`,
            {
                metadata: { name: GRAFANA_ADMIN_SECRET_NAME, namespace: args.namespace.metadata.name },
                stringData: { "admin-user": "admin", "admin-password": this.grafanaAdminPassword },
            },
            { parent: this, provider },
        );
        const readSecret = args.readSecret ?? requireTerraceSecret;
        const webhookSecret =
            settings.receivers.length === 0
                ? undefined
                : new k8s.core.v1.Secret(
                      `${name}-alertmanager-webhooks`,
                      {
                          metadata: { name: WEBHOOK_SECRET_NAME, namespace: args.namespace.metadata.name },
                          stringData: Object.fromEntries(
                              settings.receivers.map((r) => [r.name, pulumi.secret(readSecret(r.urlSecret))]),
                          ),
                      },
                      { parent: this, provider },
                  );
        // Referencing the Secrets' names makes the release wait for them: pods would not start without them.
        const values = pulumi
            .all([
                args.storageClass ?? "gp3",
                grafanaSecret.metadata.name,
                webhookSecret?.metadata.name ?? WEBHOOK_SECRET_NAME,
            ])
            .apply(([storageClass, grafanaAdminSecretName, webhookSecretName]) =>
                monitoringValues({ ...settings, storageClass, grafanaAdminSecretName, webhookSecretName }),
            );
        this.release = pinnedRelease(
            `${name}-release`,
            // The first install creates the CRDs, the operator and the admission webhook; allow for slow volumes.
            { pin: KUBE_PROMETHEUS_STACK_PIN, namespace: args.namespace.metadata.name, values, timeoutSeconds: 900 },
            { parent: this, provider, dependsOn: [args.nodeGroups.system, args.nodeGroups.data] },
        );
        this.registerOutputs({ release: this.release, grafanaAdminPassword: this.grafanaAdminPassword });
    }
}
