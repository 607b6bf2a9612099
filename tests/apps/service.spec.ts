import * as assert from "node:assert/strict";
import { COLOUR_LABEL, NAME_LABEL } from "../../apps/k8s";
import {
    autoscaler,
    configMap,
    configMapName,
    deployment,
    disruptionBudget,
    hasAutoscaler,
    PRESTOP_SLEEP_SECONDS,
    probe,
    PROBE_TIMINGS,
    secretChecksum,
    serviceAccount,
    serviceManifests,
    serviceMonitor,
    services,
    variants,
    withPodAnnotation,
} from "../../apps/service";
import { placement } from "../../infra/tiers";
import { apiSpec, CONTEXT } from "./fixtures";

const spec = apiSpec();
const [single] = variants(spec);
const pod = deployment(spec, CONTEXT, single).spec!.template.spec!;
const container = pod.containers[0];

describe("service", () => {
    describe("pod", () => {
        it("runs as the image's numeric non-root user with the RuntimeDefault seccomp profile", () => {
            assert.deepEqual(pod.securityContext, {
                runAsNonRoot: true,
                runAsUser: 10001,
                runAsGroup: 10001,
                fsGroup: 10001,
                fsGroupChangePolicy: "OnRootMismatch",
                seccompProfile: { type: "RuntimeDefault" },
            });
        });

        it("gives the container the restricted context: no escalation, read-only root, every capability dropped", () => {
            assert.deepEqual(container.securityContext, {
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
            });
        });

        it("writes only to emptyDirs: /tmp always, and the paths the spec declares", () => {
            assert.deepEqual(container.volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
            assert.deepEqual(pod.volumes, [{ name: "tmp", emptyDir: { sizeLimit: "128Mi" } }]);
            const withData = deployment(apiSpec({ writablePaths: { data: "/data" } }), CONTEXT, single).spec!.template
                .spec!;
            assert.deepEqual(withData.containers[0].volumeMounts, [
                { name: "tmp", mountPath: "/tmp" },
                { name: "data", mountPath: "/data" },
            ]);
            assert.deepEqual(
                withData.volumes?.map((v) => Object.keys(v).sort()),
                [
                    ["emptyDir", "name"],
                    ["emptyDir", "name"],
                ],
            );
        });

        it("requests and limits CPU, memory and ephemeral storage", () => {
            assert.deepEqual(container.resources, {
                requests: { cpu: "250m", memory: "256Mi", "ephemeral-storage": "128Mi" },
                limits: { cpu: "1", memory: "512Mi", "ephemeral-storage": "512Mi" },
            });
        });

        it("has start-up, liveness and readiness probes from the spec", () => {
            assert.deepEqual(container.startupProbe?.httpGet, { path: "/healthz", port: "http", scheme: "HTTP" });
            assert.deepEqual(container.livenessProbe?.httpGet, { path: "/healthz", port: "http", scheme: "HTTP" });
            assert.deepEqual(container.readinessProbe?.httpGet, { path: "/readyz", port: "http", scheme: "HTTP" });
            assert.equal(container.startupProbe?.failureThreshold, PROBE_TIMINGS.startup.failureThreshold);
        });

        it("probes by TCP or by command when asked to", () => {
            assert.deepEqual(probe({ tcp: "redis" }, PROBE_TIMINGS.liveness).tcpSocket, { port: "redis" });
            assert.deepEqual(probe({ exec: ["true"] }, PROBE_TIMINGS.liveness).exec, { command: ["true"] });
        });

        it("is placed on its tier by infra/tiers.ts", () => {
            const tier = placement("application");
            assert.deepEqual(pod.nodeSelector, tier.nodeSelector);
            assert.deepEqual(pod.tolerations, tier.tolerations);
            const data = deployment(apiSpec({ tier: "data" }), CONTEXT, single).spec!.template.spec!;
            assert.deepEqual(data.nodeSelector, placement("data").nodeSelector);
        });

        it("spreads over zones (hard in prod) and nodes (soft), counting each revision on its own", () => {
            const [zone, host] = pod.topologySpreadConstraints!;
            assert.equal(zone.topologyKey, "topology.kubernetes.io/zone");
            assert.equal(zone.whenUnsatisfiable, "DoNotSchedule");
            assert.equal(host.topologyKey, "kubernetes.io/hostname");
            assert.equal(host.whenUnsatisfiable, "ScheduleAnyway");
            assert.deepEqual(zone.labelSelector?.matchLabels, { [NAME_LABEL]: "orders" });
            assert.deepEqual(zone.matchLabelKeys, ["pod-template-hash"]);
            const soft = deployment(spec, { ...CONTEXT, zoneSpread: "ScheduleAnyway" }, single).spec!.template.spec!;
            assert.equal(soft.topologySpreadConstraints![0].whenUnsatisfiable, "ScheduleAnyway");
        });

        it("mounts no API token unless the spec asks for one", () => {
            assert.equal(pod.automountServiceAccountToken, false);
            assert.equal(serviceAccount(spec, CONTEXT).automountServiceAccountToken, false);
            const caller = apiSpec({ mountServiceAccountToken: true });
            assert.equal(deployment(caller, CONTEXT, single).spec!.template.spec!.automountServiceAccountToken, true);
        });

        it("runs under its own ServiceAccount and without service-link variables", () => {
            assert.equal(pod.serviceAccountName, "orders");
            assert.equal(pod.enableServiceLinks, false);
        });

        it("reads settings from its ConfigMap and secrets from its Secret", () => {
            assert.deepEqual(container.envFrom, [
                { configMapRef: { name: configMapName(spec) } },
                { secretRef: { name: "orders-secrets" } },
            ]);
            const bare = deployment(apiSpec({ config: undefined, secretKeys: undefined }), CONTEXT, single).spec!
                .template.spec!;
            assert.equal(bare.containers[0].envFrom, undefined);
        });

        it("keeps serving for a few seconds after termination starts, so routing drops it first", () => {
            assert.deepEqual(container.lifecycle?.preStop, { sleep: { seconds: PRESTOP_SLEEP_SECONDS } });
        });
    });

    describe("Deployment", () => {
        const d = deployment(spec, CONTEXT, single);

        it("rolls out without taking a pod away first", () => {
            assert.deepEqual(d.spec!.strategy, {
                type: "RollingUpdate",
                rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 },
            });
        });

        it("leaves the replica count to the HPA when it autoscales", () => {
            assert.equal(d.spec!.replicas, undefined);
            const fixed = apiSpec({ replicas: 2, maxReplicas: undefined });
            assert.equal(deployment(fixed, CONTEXT, variants(fixed)[0]).spec!.replicas, 2);
        });

        it("carries the recommended and ownership labels", () => {
            assert.deepEqual(d.metadata!.labels, {
                [NAME_LABEL]: "orders",
                "app.kubernetes.io/component": "api",
                "app.kubernetes.io/part-of": "erp",
                "app.kubernetes.io/managed-by": "pulumi",
                environment: "prod",
                team: "erp",
                "cost-center": "cc-42",
            });
            assert.equal(d.metadata!.namespace, "erp");
        });
    });

    describe("HorizontalPodAutoscaler", () => {
        const hpa = autoscaler(spec, CONTEXT, single)!;

        it("scales the Deployment between replicas and maxReplicas on CPU 70% and memory 80%", () => {
            assert.deepEqual(hpa.spec!.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "orders" });
            assert.equal(hpa.spec!.minReplicas, 2);
            assert.equal(hpa.spec!.maxReplicas, 6);
            const targets = hpa.spec!.metrics!.map((m) => [m.resource!.name, m.resource!.target.averageUtilization]);
            assert.deepEqual(targets, [
                ["cpu", 70],
                ["memory", 80],
            ]);
        });

        it("scales up at once and down only after five quiet minutes", () => {
            assert.equal(hpa.spec!.behavior!.scaleUp!.stabilizationWindowSeconds, 0);
            assert.equal(hpa.spec!.behavior!.scaleDown!.stabilizationWindowSeconds, 300);
            assert.equal(hpa.spec!.behavior!.scaleDown!.selectPolicy, "Min");
        });

        it("is not made when maxReplicas does not exceed replicas", () => {
            for (const maxReplicas of [undefined, 2]) {
                const fixed = apiSpec({ maxReplicas });
                assert.equal(hasAutoscaler(fixed), false);
                assert.equal(autoscaler(fixed, CONTEXT, variants(fixed)[0]), undefined);
            }
        });
    });

    describe("PodDisruptionBudget", () => {
        it("lets one pod go at a time, and always lets unhealthy pods be evicted", () => {
            assert.deepEqual(disruptionBudget(spec, CONTEXT, single).spec, {
                maxUnavailable: 1,
                selector: { matchLabels: { [NAME_LABEL]: "orders" } },
                unhealthyPodEvictionPolicy: "AlwaysAllow",
            });
        });
    });

    describe("Service", () => {
        it("is a ClusterIP Service forwarding each port to the named container port", () => {
            const [svc] = services(spec, CONTEXT);
            assert.equal(svc.spec!.type, "ClusterIP");
            assert.deepEqual(svc.spec!.ports, [
                { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
                { name: "metrics", port: 9090, targetPort: "metrics", protocol: "TCP" },
            ]);
            assert.deepEqual(svc.spec!.selector, { [NAME_LABEL]: "orders" });
        });

        it("is not made for a workload without ports", () => {
            assert.deepEqual(services(apiSpec({ ports: [] }), CONTEXT), []);
        });
    });

    describe("blue/green", () => {
        const bg = apiSpec({
            blueGreen: {
                live: "green",
                images: { blue: "registry.example.com/orders:1.0.0", green: "registry.example.com/orders:1.1.0" },
            },
        });
        const m = serviceManifests(bg, CONTEXT);

        it("runs a Deployment per colour with that colour's image", () => {
            assert.deepEqual(
                m.deployments.map((d) => [
                    d.metadata!.name,
                    d.metadata!.labels![COLOUR_LABEL],
                    d.spec!.template.spec!.containers[0].image,
                ]),
                [
                    ["orders-blue", "blue", "registry.example.com/orders:1.0.0"],
                    ["orders-green", "green", "registry.example.com/orders:1.1.0"],
                ],
            );
        });

        it("sends the Service to the live colour and orders-preview to the other", () => {
            assert.deepEqual(
                m.services.map((s) => [s.metadata!.name, s.spec!.selector![COLOUR_LABEL]]),
                [
                    ["orders", "green"],
                    ["orders-preview", "blue"],
                ],
            );
        });

        it("gives each colour its own HPA and its own PDB, selecting only that colour", () => {
            assert.deepEqual(
                m.autoscalers.map((h) => h.spec!.scaleTargetRef.name),
                ["orders-blue", "orders-green"],
            );
            assert.deepEqual(
                m.disruptionBudgets.map((p) => p.spec!.selector!.matchLabels),
                [
                    { [NAME_LABEL]: "orders", [COLOUR_LABEL]: "blue" },
                    { [NAME_LABEL]: "orders", [COLOUR_LABEL]: "green" },
                ],
            );
        });

        it("keeps one network policy for both colours", () => {
            assert.deepEqual(m.networkPolicy.spec!.podSelector!.matchLabels, { [NAME_LABEL]: "orders" });
        });
    });

    describe("ConfigMap", () => {
        it("is immutable and named after a digest of its data", () => {
            const cm = configMap(spec, CONTEXT)!;
            assert.equal(cm.immutable, true);
            assert.match(cm.metadata!.name!, /^orders-config-[0-9a-f]{10}$/);
            assert.deepEqual(cm.data, { LOG_LEVEL: "info" });
        });

        it("gets a new name when its data changes, so the pods roll", () => {
            assert.notEqual(configMapName(apiSpec({ config: { LOG_LEVEL: "debug" } })), configMapName(spec));
            assert.equal(configMapName(apiSpec({ config: { LOG_LEVEL: "info" } })), configMapName(spec));
        });

        it("is not made without settings", () => {
            assert.equal(configMap(apiSpec({ config: {} }), CONTEXT), undefined);
        });
    });

    describe("Secret", () => {
        it("is named after the service when it declares keys, and absent otherwise", () => {
            assert.equal(serviceManifests(spec, CONTEXT).secret?.name, "orders-secrets");
            assert.equal(serviceManifests(apiSpec({ secretKeys: [] }), CONTEXT).secret, undefined);
        });

        it("has a checksum that ignores key order and follows every value", () => {
            assert.equal(secretChecksum({ A: "1", B: "2" }), secretChecksum({ B: "2", A: "1" }));
            assert.notEqual(secretChecksum({ A: "1", B: "2" }), secretChecksum({ A: "1", B: "3" }));
            assert.notEqual(secretChecksum({ AB: "", C: "" }), secretChecksum({ A: "", BC: "" }));
        });

        it("rolls the pods through a pod template annotation", () => {
            const annotated = withPodAnnotation(
                deployment(spec, CONTEXT, single),
                "terrace.io/secret-checksum",
                "abc",
            ) as {
                template: { metadata: { annotations: Record<string, string>; labels: Record<string, string> } };
            };
            assert.equal(annotated.template.metadata.annotations["terrace.io/secret-checksum"], "abc");
            assert.equal(annotated.template.metadata.labels[NAME_LABEL], "orders");
        });
    });

    describe("ServiceMonitor", () => {
        it("scrapes the metrics port of the service's Services, labelled for kube-prometheus-stack", () => {
            const monitor = serviceMonitor(spec, CONTEXT)!;
            assert.deepEqual(monitor.spec!.selector.matchLabels, { [NAME_LABEL]: "orders" });
            assert.deepEqual(monitor.spec!.namespaceSelector, { matchNames: ["erp"] });
            assert.deepEqual(monitor.spec!.endpoints, [
                { port: "metrics", path: "/metrics", interval: "30s", scrapeTimeout: "10s" },
            ]);
            assert.equal(monitor.metadata!.labels!.release, "kube-prometheus-stack");
        });

        it("is made only for a service that exposes metrics", () => {
            assert.equal(serviceMonitor(apiSpec({ metrics: undefined }), CONTEXT), undefined);
        });
    });

    describe("network policy", () => {
        const policy = serviceManifests(spec, CONTEXT).networkPolicy.spec!;

        it("admits the declared callers on the serving ports only", () => {
            assert.deepEqual(policy.ingress![0], {
                from: [{ podSelector: { matchLabels: { [NAME_LABEL]: "gateway" } } }],
                ports: [{ protocol: "TCP", port: 8080 }],
            });
        });

        it("admits Prometheus on the metrics port", () => {
            assert.deepEqual(policy.ingress![1], {
                from: [
                    {
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
                        podSelector: { matchLabels: { [NAME_LABEL]: "prometheus" } },
                    },
                ],
                ports: [{ protocol: "TCP", port: 9090 }],
            });
            assert.equal(policy.ingress!.length, 2);
        });

        it("lets it reach exactly its dependencies", () => {
            assert.deepEqual(policy.egress, [
                {
                    to: [{ podSelector: { matchLabels: { [NAME_LABEL]: "redis" } } }],
                    ports: [{ protocol: "TCP", port: 6379 }],
                },
                { to: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] },
            ]);
        });

        it("admits the gateway through a Cilium policy only when the gateway is a caller", () => {
            assert.equal(serviceManifests(spec, CONTEXT).gatewayPolicy, undefined);
            const exposed = serviceManifests(apiSpec({ callers: [{ gateway: true }] }), CONTEXT);
            assert.equal(exposed.gatewayPolicy?.spec.ingress[0].fromEntities[0], "ingress");
            assert.deepEqual(
                exposed.networkPolicy.spec!.ingress!.length,
                1,
                "only Prometheus in the Kubernetes policy",
            );
        });
    });
});
