import { strict as assert } from "node:assert";
import { ConfigError, parseConfig, SECRET_KEYS } from "../../config";
import { placement, TIER_NAMES, tierTaint } from "../../infra/tiers";
import {
    ALERTMANAGER_STORAGE_GIB,
    alertmanagerConfig,
    everyTierTolerations,
    KUBE_PROMETHEUS_STACK_PIN,
    monitoringSettings,
    monitoringValues,
    MonitoringValuesInput,
} from "../../platform/monitoring";
import { MONITORING_SECRET_KEYS, ReceiverConfig } from "../../config/platform/monitoring";
import { chartMetadata, unknownValueKeys } from "../support/chart-values";
import { rawConfigOf, withValue } from "../support/config";
import { PlanDocument, planFor, resourcesOfType, STACKS } from "../support/plans";
import { nodeGroupOf, otherReleasesReached, releaseOf } from "../support/releases";

type Values = Record<string, any>;

const receivers: ReceiverConfig[] = [
    { name: "oncall", severities: ["critical"], urlSecret: "alertmanagerCriticalWebhookUrl" },
    { name: "team", severities: ["critical", "warning"], urlSecret: "alertmanagerWarningWebhookUrl" },
];

function input(overrides: Partial<MonitoringValuesInput> = {}): MonitoringValuesInput {
    return {
        ha: false,
        retention: "7d",
        prometheusStorageGiB: 20,
        receivers: [],
        storageClass: "gp3",
        webhookSecretName: "alertmanager-webhooks",
        grafanaAdminSecretName: "grafana-admin",
        ...overrides,
    };
}

const lean = monitoringValues(input()) as Values;
const ha = monitoringValues(input({ ha: true, retention: "30d", prometheusStorageGiB: 100, receivers })) as Values;

describe("kube-prometheus-stack", () => {
    it("pins the chart version and repository of the vendored chart", () => {
        assert.equal(KUBE_PROMETHEUS_STACK_PIN.chart, chartMetadata("kube-prometheus-stack").name);
        assert.equal(KUBE_PROMETHEUS_STACK_PIN.version, chartMetadata("kube-prometheus-stack").version);
        assert.equal(KUBE_PROMETHEUS_STACK_PIN.repository, "https://prometheus-community.github.io/helm-charts");
    });

    describe("values", () => {
        it("use only keys the chart and its subcharts declare, lean and HA alike", () => {
            assert.deepEqual(unknownValueKeys("kube-prometheus-stack", lean), []);
            assert.deepEqual(unknownValueKeys("kube-prometheus-stack", ha), []);
        });

        it("turn off the control-plane targets EKS hides and kube-proxy, which Cilium replaces", () => {
            for (const component of ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy"]) {
                assert.deepEqual(lean[component], { enabled: false }, component);
            }
        });

        it("select every ServiceMonitor, PodMonitor, Probe, ScrapeConfig and PrometheusRule, not only the chart's", () => {
            const spec = lean.prometheus.prometheusSpec;
            for (const kind of ["serviceMonitor", "podMonitor", "probe", "scrapeConfig", "rule"]) {
                assert.equal(spec[`${kind}SelectorNilUsesHelmValues`], false, kind);
            }
        });

        it("put Prometheus and Alertmanager on the data tier, on gp3 volumes", () => {
            const prometheus = ha.prometheus.prometheusSpec;
            const alertmanager = ha.alertmanager.alertmanagerSpec;
            for (const spec of [prometheus, alertmanager]) {
                assert.deepEqual(spec.nodeSelector, placement("data").nodeSelector);
                assert.deepEqual(spec.tolerations, placement("data").tolerations);
            }
            assert.deepEqual(prometheus.storageSpec.volumeClaimTemplate.spec, {
                storageClassName: "gp3",
                accessModes: ["ReadWriteOnce"],
                resources: { requests: { storage: "100Gi" } },
            });
            assert.equal(alertmanager.storage.volumeClaimTemplate.spec.storageClassName, "gp3");
            assert.equal(
                alertmanager.storage.volumeClaimTemplate.spec.resources.requests.storage,
                `${ALERTMANAGER_STORAGE_GIB}Gi`,
            );
        });

        it("keep metrics for the retention period and below 85% of the volume", () => {
            assert.equal(ha.prometheus.prometheusSpec.retention, "30d");
            assert.equal(ha.prometheus.prometheusSpec.retentionSize, "85GB");
            assert.equal(lean.prometheus.prometheusSpec.retentionSize, "17GB");
        });

        it("put the operator, its webhook job, kube-state-metrics and Grafana on the system tier", () => {
            for (const values of [
                lean.prometheusOperator,
                lean.prometheusOperator.admissionWebhooks.patch,
                lean["kube-state-metrics"],
                lean.grafana,
            ]) {
                assert.deepEqual(values.nodeSelector, placement("system").nodeSelector);
            }
        });

        it("let node-exporter tolerate every dedicated tier's taint, as the tier table defines it", () => {
            const tolerations = lean["prometheus-node-exporter"].tolerations as Values[];
            for (const tier of TIER_NAMES) {
                const taint = tierTaint(tier);
                if (!taint) continue;
                assert.ok(
                    tolerations.some(
                        (t) => t.key === taint.key && t.value === taint.value && t.effect === taint.effect,
                    ),
                    `tolerates the ${tier} tier`,
                );
            }
            assert.deepEqual(tolerations, everyTierTolerations());
            assert.ok(!tolerations.some((t) => (t.operator as string) === "Exists"), "no catch-all toleration");
        });

        it("read Grafana's admin credentials from a Secret, never from the values", () => {
            assert.deepEqual(lean.grafana.admin, {
                existingSecret: "grafana-admin",
                userKey: "admin-user",
                passwordKey: "admin-password",
            });
            assert.equal(lean.grafana.adminPassword, undefined);
        });

        it("run two Prometheus and three Alertmanager replicas apart from each other, with PDBs, in HA mode", () => {
            assert.equal(ha.prometheus.prometheusSpec.replicas, 2);
            assert.equal(ha.prometheus.prometheusSpec.podAntiAffinity, "hard");
            assert.deepEqual(ha.prometheus.podDisruptionBudget, { enabled: true, minAvailable: 1 });
            assert.equal(ha.alertmanager.alertmanagerSpec.replicas, 3);
            assert.equal(ha.alertmanager.alertmanagerSpec.podAntiAffinity, "hard");
            assert.deepEqual(ha.alertmanager.podDisruptionBudget, { enabled: true, minAvailable: 2 });
        });

        it("run single replicas without PDBs in lean mode", () => {
            assert.equal(lean.prometheus.prometheusSpec.replicas, 1);
            assert.equal(lean.alertmanager.alertmanagerSpec.replicas, 1);
            assert.deepEqual(lean.prometheus.podDisruptionBudget, { enabled: false });
            assert.deepEqual(lean.alertmanager.podDisruptionBudget, { enabled: false });
        });

        it("mount the webhook Secret into Alertmanager only when there are receivers", () => {
            assert.deepEqual(ha.alertmanager.alertmanagerSpec.secrets, ["alertmanager-webhooks"]);
            assert.deepEqual(lean.alertmanager.alertmanagerSpec.secrets, []);
        });
    });

    describe("Alertmanager configuration", () => {
        const config = alertmanagerConfig(receivers) as Values;

        it("reads each webhook URL from the mounted Secret, so no URL is in the configuration", () => {
            const team = (config.receivers as Values[]).find((r) => r.name === "team")!;
            assert.deepEqual(team.webhook_configs, [
                { url_file: "/etc/alertmanager/secrets/alertmanager-webhooks/team", send_resolved: true },
            ]);
            assert.ok(!JSON.stringify(config).includes('"url"'));
        });

        it("routes each receiver's severities to it and lets other receivers see the same alert", () => {
            const routes = config.route.routes as Values[];
            assert.deepEqual(
                routes.find((r) => r.receiver === "oncall"),
                { receiver: "oncall", matchers: ['severity =~ "critical"'], continue: true },
            );
            assert.deepEqual(
                routes.find((r) => r.receiver === "team"),
                {
                    receiver: "team",
                    matchers: ['severity =~ "critical|warning"'],
                    continue: true,
                },
            );
        });

        it("drops Watchdog and everything unrouted into the null receiver", () => {
            assert.equal(config.route.receiver, "null");
            assert.deepEqual(config.route.routes[0], { receiver: "null", matchers: ['alertname = "Watchdog"'] });
        });

        it("routes only to receivers it defines", () => {
            const defined = new Set((config.receivers as Values[]).map((r) => r.name));
            for (const route of [config.route, ...config.route.routes])
                assert.ok(defined.has(route.receiver), route.receiver);
        });
    });

    describe("settings", () => {
        it("keep metrics 7 days in dev, 15 in staging and 30 in prod", () => {
            const retention = (stack: string) =>
                ((c) => monitoringSettings(c.platform.monitoring, c.environment))(parseConfig(rawConfigOf(stack)))
                    .retention;
            assert.deepEqual(["dev", "staging", "prod"].map(retention), ["7d", "15d", "30d"]);
        });

        it("run HA in prod only", () => {
            assert.deepEqual(
                ["dev", "staging", "prod"].map(
                    (s) =>
                        ((c) => monitoringSettings(c.platform.monitoring, c.environment))(parseConfig(rawConfigOf(s)))
                            .ha,
                ),
                [false, false, true],
            );
        });

        it("take the configured retention over the environment's", () => {
            const config = parseConfig(withValue(rawConfigOf("prod"), "platform.monitoring.retention", "90d"));
            assert.equal(monitoringSettings(config.platform.monitoring, config.environment).retention, "90d");
        });
    });

    describe("configuration", () => {
        it("lists the webhook URL keys among the secret keys the config accepts", () => {
            for (const key of MONITORING_SECRET_KEYS) assert.ok(SECRET_KEYS.includes(key), key);
        });

        const refuses = (path: string, value: unknown, key: string) =>
            assert.throws(
                () => parseConfig(withValue(rawConfigOf("dev"), path, value)),
                (e: unknown) => e instanceof ConfigError && e.key === key,
            );

        it("refuses a receiver named null", () => {
            refuses(
                "platform.monitoring.receivers",
                [{ name: "null", urlSecret: "alertmanagerCriticalWebhookUrl" }],
                "terrace:platform.monitoring.receivers[0].name",
            );
        });

        it("refuses a receiver reading a secret key that is not a webhook key", () => {
            refuses(
                "platform.monitoring.receivers",
                [{ name: "oncall", urlSecret: "databasePassword" }],
                "terrace:platform.monitoring.receivers[0].urlSecret",
            );
        });

        it("refuses two receivers with the same name", () => {
            const r = { name: "oncall", urlSecret: "alertmanagerCriticalWebhookUrl" };
            refuses("platform.monitoring.receivers", [r, r], "terrace:platform.monitoring.receivers");
        });

        it("refuses a retention that is not in days, weeks or years", () => {
            refuses("platform.monitoring.retention", "720h", "terrace:platform.monitoring.retention");
        });
    });
});

describe("kube-prometheus-stack in each stack's plan", () => {
    const retention = { dev: "7d", staging: "15d", prod: "30d" } as const;
    for (const stack of STACKS) {
        describe(stack, () => {
            let plan: PlanDocument;
            before(async () => {
                plan = await planFor(stack);
            });

            it("installs the pinned chart in the monitoring namespace", () => {
                const { inputs } = releaseOf(plan, "kube-prometheus-stack");
                assert.deepEqual(
                    [inputs.namespace, inputs.version, (inputs.repositoryOpts as Values).repo],
                    ["monitoring", KUBE_PROMETHEUS_STACK_PIN.version, KUBE_PROMETHEUS_STACK_PIN.repository],
                );
            });

            it("waits for the system and data node groups, the StorageClass and Grafana's Secret, and no other add-on", () => {
                const release = releaseOf(plan, "kube-prometheus-stack");
                for (const tier of ["system", "data"] as const) {
                    assert.ok(release.dependencies.includes(nodeGroupOf(plan, tier).urn), tier);
                }
                const [storageClass] = resourcesOfType(plan, "kubernetes:storage.k8s.io/v1:StorageClass");
                assert.ok(release.dependencies.includes(storageClass.urn), "the StorageClass");
                const secret = resourcesOfType(plan, "kubernetes:core/v1:Secret").find(
                    (r) => (r.inputs.metadata as Values).name === "grafana-admin",
                )!;
                assert.ok(release.dependencies.includes(secret.urn), "the grafana-admin Secret");
                assert.deepEqual(otherReleasesReached(plan, release), []);
            });

            it(`keeps metrics for ${retention[stack]} on volumes of the default StorageClass`, () => {
                const spec = (releaseOf(plan, "kube-prometheus-stack").inputs.values as Values).prometheus
                    .prometheusSpec;
                assert.equal(spec.retention, retention[stack]);
                const [storageClass] = resourcesOfType(plan, "kubernetes:storage.k8s.io/v1:StorageClass");
                assert.equal(
                    spec.storageSpec.volumeClaimTemplate.spec.storageClassName,
                    (storageClass.inputs.metadata as Values).name,
                );
            });

            it("keeps Grafana's password out of the plan", () => {
                const secret = resourcesOfType(plan, "kubernetes:core/v1:Secret").find(
                    (r) => (r.inputs.metadata as Values).name === "grafana-admin",
                )!;
                assert.equal(secret.inputs.stringData, "[secret]");
            });
        });
    }
});
