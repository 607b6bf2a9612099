import * as assert from "node:assert/strict";
import { alertRules, ERROR_RATE_THRESHOLD, prometheusRule } from "../../apps/monitoring";

const rules = alertRules("erp");
const rule = (name: string) => rules.find((r) => r.alert === name)!;

describe("alerts", () => {
    it("are the four the runbook names", () => {
        assert.deepEqual(
            rules.map((r) => r.alert),
            ["ErpHighErrorRate", "ErpPodCrashLooping", "ErpHpaAtMaxReplicas", "ErpRedisDown"],
        );
    });

    it("page when more than 10% of a service's responses are 5xx for 2 minutes", () => {
        const r = rule("ErpHighErrorRate");
        assert.equal(ERROR_RATE_THRESHOLD, 0.1);
        assert.match(r.expr, /status=~"5\.\."/);
        assert.match(r.expr, /sum by \(namespace, service\)/);
        assert.match(r.expr, /> 0\.1$/);
        assert.equal(r.for, "2m");
        assert.equal(r.labels.severity, "critical");
    });

    it("warn about a container in CrashLoopBackOff", () => {
        assert.match(
            rule("ErpPodCrashLooping").expr,
            /kube_pod_container_status_waiting_reason\{namespace="erp", reason="CrashLoopBackOff"\}/,
        );
    });

    it("warn when an HPA has sat at its maximum for 15 minutes", () => {
        const r = rule("ErpHpaAtMaxReplicas");
        assert.match(r.expr, /kube_horizontalpodautoscaler_status_current_replicas\{namespace="erp"\}/);
        assert.match(
            r.expr,
            />= on \(namespace, horizontalpodautoscaler\) kube_horizontalpodautoscaler_spec_max_replicas/,
        );
        assert.equal(r.for, "15m");
    });

    it("page when Redis refuses the exporter, or its target is down or gone", () => {
        const r = rule("ErpRedisDown");
        assert.match(r.expr, /redis_up\{namespace="erp"\} == 0/);
        assert.match(r.expr, /up\{namespace="erp", job="redis"\} == 0/);
        assert.match(r.expr, /absent\(up\{namespace="erp", job="redis"\}\)/);
        assert.equal(r.labels.severity, "critical");
    });

    it("are scoped to the configured namespace", () => {
        for (const r of alertRules("billing")) assert.doesNotMatch(r.expr, /namespace="erp"/);
    });

    it("ship as one PrometheusRule labelled for kube-prometheus-stack", () => {
        const pr = prometheusRule(
            "erp",
            { environment: "prod", team: "erp", costCenter: "cc" },
            { release: "kube-prometheus-stack" },
        );
        assert.equal(pr.metadata!.namespace, "erp");
        assert.equal(pr.metadata!.labels!.release, "kube-prometheus-stack");
        assert.equal(pr.spec!.groups![0].rules!.length, 4);
    });
});
