import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { CHARTS_DIR, chartDefaults, chartMetadata, coalesce, schemaErrors, unknownValueKeys } from "./chart-values";

describe("chart values checker", () => {
    describe("chartMetadata", () => {
        it("reads the pinned version and appVersion from the vendored Chart.yaml", () => {
            const text = fs.readFileSync(path.join(CHARTS_DIR, "cilium", "Chart.yaml"), "utf8");
            const meta = chartMetadata("cilium");
            assert.equal(meta.name, "cilium");
            assert.match(text, new RegExp(`^version: ${meta.version.replace(/\./g, "\\.")}$`, "m"));
            assert.match(text, new RegExp(`^appVersion: ${meta.appVersion.replace(/\./g, "\\.")}$`, "m"));
        });

        it("refuses a chart that is not vendored", () => {
            assert.throws(() => chartMetadata("ingress-nginx"), /no pinned chart ingress-nginx/);
        });
    });

    describe("unknownValueKeys", () => {
        it("accepts keys that values.yaml declares", () => {
            assert.deepEqual(unknownValueKeys("cilium", { ipam: { mode: "eni" }, eni: { enabled: true } }), []);
        });

        it("names a misspelt nested key by its full path", () => {
            assert.deepEqual(unknownValueKeys("cilium", { ipam: { mdoe: "eni" } }), ["ipam.mdoe"]);
        });

        it("treats keys under an empty-object default as free-form", () => {
            assert.deepEqual(chartDefaults("cilium").podAnnotations, {});
            assert.deepEqual(unknownValueKeys("cilium", { podAnnotations: { "example.com/any": "x" } }), []);
        });

        it("treats label and annotation maps as free-form even when their default holds a key", () => {
            assert.deepEqual(chartDefaults("cilium").nodeSelector, { "kubernetes.io/os": "linux" });
            assert.deepEqual(
                unknownValueKeys("cilium", {
                    nodeSelector: { "workload-type": "system" },
                    operator: { podLabels: { team: "a" } },
                }),
                [],
            );
        });

        it("still checks a map of strings that is not a label map", () => {
            assert.deepEqual(unknownValueKeys("cilium", { image: { tga: "v1" } }), ["image.tga"]);
        });

        it("treats arrays as leaves", () => {
            assert.deepEqual(
                unknownValueKeys("cilium", { tolerations: [{ key: "anything", operator: "Exists", madeUp: 1 }] }),
                [],
            );
        });

        it("flags keys under a scalar default", () => {
            assert.deepEqual(unknownValueKeys("cilium", { k8sServiceHost: { host: "x" } }), ["k8sServiceHost.host"]);
        });

        it("knows a subchart's keys under the subchart's name", () => {
            const parent = YAML.parse(
                fs.readFileSync(path.join(CHARTS_DIR, "kube-prometheus-stack", "values.yaml"), "utf8"),
            );
            const sub = YAML.parse(
                fs.readFileSync(
                    path.join(CHARTS_DIR, "kube-prometheus-stack", "subcharts", "grafana", "values.yaml"),
                    "utf8",
                ),
            );
            const grafanaOnly = Object.keys(sub).find((k) => !(k in parent.grafana));
            assert.ok(grafanaOnly, "a key declared only by the grafana subchart");
            assert.deepEqual(unknownValueKeys("kube-prometheus-stack", { grafana: { [grafanaOnly]: null } }), []);
            assert.deepEqual(unknownValueKeys("kube-prometheus-stack", { grafana: { notAGrafanaKey: 1 } }), [
                "grafana.notAGrafanaKey",
            ]);
        });

        it("refuses a key that a closed values.schema.json does not list", () => {
            assert.deepEqual(unknownValueKeys("cert-manager", { crds: { enabled: true }, replicaCount: 2, bogus: 1 }), [
                "bogus",
            ]);
        });

        it("lets allowed paths through, with everything below them", () => {
            assert.deepEqual(unknownValueKeys("cilium", { egressMasqueradeInterfaces: "ens+" }), [
                "egressMasqueradeInterfaces",
            ]);
            assert.deepEqual(
                unknownValueKeys("cilium", { egressMasqueradeInterfaces: "ens+" }, ["egressMasqueradeInterfaces"]),
                [],
            );
        });
    });

    describe("schemaErrors", () => {
        it("reports a value of the wrong type as Helm would", () => {
            assert.deepEqual(schemaErrors("cert-manager", { replicaCount: "two" }), ["/replicaCount must be number"]);
        });

        it("accepts the chart's own defaults", () => {
            for (const chart of ["cert-manager", "cilium", "velero"])
                assert.deepEqual(schemaErrors(chart, {}), [], chart);
        });

        it("is empty for a chart without a schema", () => {
            assert.deepEqual(schemaErrors("aws-load-balancer-controller", { replicaCount: "two" }), []);
        });
    });

    describe("coalesce", () => {
        it("overrides defaults key by key and drops keys set to null", () => {
            assert.deepEqual(coalesce({ a: { b: 1, c: 2 }, d: 3 }, { a: { c: 4 }, d: null }), { a: { b: 1, c: 4 } });
        });
    });
});
