/**
 * The application's alerts: 5xx error rate above 10% for 2 minutes, crash loops, an HPA stuck at its maximum,
 * and Redis down. Service metrics come from the ServiceMonitors (http_requests_total, the RED counter the
 * services expose); pod, HPA and readiness state from kube-state-metrics (part of kube-prometheus-stack).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { REDIS_SERVICE } from "./catalogue";
import { IPrometheusRule, Ownership, ownershipLabels } from "./k8s";

/** Share of 5xx responses above which a service pages. */
export const ERROR_RATE_THRESHOLD = 0.1;

export interface AlertRule {
    readonly alert: string;
    readonly expr: string;
    readonly for: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
}

export function alertRules(namespace: string): AlertRule[] {
    const ns = `namespace="${namespace}"`;
    return [
        {
            alert: "ErpHighErrorRate",
            expr:
                `sum by (namespace, service) (rate(http_requests_total{${ns}, status=~"5.."}[2m]))\n` +
                `  / sum by (namespace, service) (rate(http_requests_total{${ns}}[2m])) > ${ERROR_RATE_THRESHOLD}`,
            for: "2m",
            labels: { severity: "critical" },
            annotations: {
                summary: "{{ $labels.service }} answers more than 10% of requests with 5xx",
                description:
                    "{{ $labels.service }} in {{ $labels.namespace }}: {{ $value | humanizePercentage }} of responses are 5xx over the last 2 minutes.",
            },
        },
        {
            alert: "ErpPodCrashLooping",
            expr: `max_over_time(kube_pod_container_status_waiting_reason{${ns}, reason="CrashLoopBackOff"}[5m]) >= 1`,
            for: "5m",
            labels: { severity: "warning" },
            annotations: {
                summary: "{{ $labels.pod }} is crash looping",
                description:
                    "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has been in CrashLoopBackOff for 5 minutes.",
            },
        },
        {
            alert: "ErpHpaAtMaxReplicas",
            expr:
                `kube_horizontalpodautoscaler_status_current_replicas{${ns}}\n` +
                `  >= on (namespace, horizontalpodautoscaler) kube_horizontalpodautoscaler_spec_max_replicas{${ns}}`,
            for: "15m",
            labels: { severity: "warning" },
            annotations: {
                summary: "{{ $labels.horizontalpodautoscaler }} has run at its maximum for 15 minutes",
                description:
                    "HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} cannot add replicas; raise maxReplicas (and the quota) or find the load.",
            },
        },
        {
            alert: "ErpRedisDown",
            // The exporter reports redis_up 0 when Redis refuses it; up and absent() cover the pod itself being gone.
            expr:
                `redis_up{${ns}} == 0\n` +
                `  or up{${ns}, job="${REDIS_SERVICE}"} == 0\n` +
                `  or absent(up{${ns}, job="${REDIS_SERVICE}"})`,
            for: "1m",
            labels: { severity: "critical" },
            annotations: {
                summary: "Redis is down",
                description: `Redis in ${namespace} has not answered for 1 minute: caching and the job queue are unavailable.`,
            },
        },
    ];
}

export function prometheusRule(
    namespace: string,
    ownership: Ownership,
    monitorLabels: Readonly<Record<string, string>>,
): IPrometheusRule {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: {
            name: `${namespace}-alerts`,
            namespace,
            labels: { "app.kubernetes.io/part-of": "erp", ...ownershipLabels(ownership), ...monitorLabels },
        },
        spec: {
            groups: [
                {
                    name: `${namespace}.rules`,
                    rules: alertRules(namespace).map((r) => ({
                        ...r,
                        labels: { ...r.labels },
                        annotations: { ...r.annotations },
                    })),
                },
            ],
        },
    };
}

export interface AppAlertsArgs {
    readonly namespace: string;
    readonly ownership: Ownership;
    readonly monitorLabels: Readonly<Record<string, string>>;
    readonly namespaceReady: readonly pulumi.Resource[];
    /** The release that installs the PrometheusRule CRD. */
    readonly prometheusOperator: pulumi.Resource;
}

export class AppAlerts extends pulumi.ComponentResource {
    constructor(name: string, args: AppAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:AppAlerts", name, {}, opts);
        new k8s.apiextensions.CustomResource(
            `${name}-rules`,
            prometheusRule(args.namespace, args.ownership, args.monitorLabels),
            {
                parent: this,
                dependsOn: [...args.namespaceReady, args.prometheusOperator],
            },
        );
        this.registerOutputs({});
    }
}
