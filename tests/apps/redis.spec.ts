import * as assert from "node:assert/strict";
import { DEFAULT_IMAGES, RUN_AS } from "../../apps/catalogue";
import { NAME_LABEL } from "../../apps/k8s";
import { maxMemoryBytes, redisConf, RedisInput, redisManifests, redisUrl } from "../../apps/redis";
import { placement } from "../../infra/tiers";
import { CONTEXT } from "./fixtures";

const input: RedisInput = {
    context: CONTEXT,
    resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    storageGiB: 20,
    storageClass: "gp3",
    clients: ["backend-api", "worker"],
};
const m = redisManifests(input);
const sts = m.statefulSet.spec!;
const pod = sts.template.spec!;
const [redis, exporter] = pod.containers;

describe("Redis", () => {
    describe("configuration", () => {
        const conf = redisConf(input.resources);

        it("persists with an append-only file synced every second", () => {
            assert.match(conf, /^appendonly yes$/m);
            assert.match(conf, /^appendfsync everysec$/m);
            assert.match(conf, /^dir \/data$/m);
        });

        it("evicts any key, least recently used first, at 75% of the memory limit", () => {
            assert.match(conf, /^maxmemory-policy allkeys-lru$/m);
            assert.equal(maxMemoryBytes(input.resources), 0.75 * 2 ** 30);
            assert.match(conf, new RegExp(`^maxmemory ${0.75 * 2 ** 30}$`, "m"));
        });

        it("takes its password from a file in the Secret, never from the command line", () => {
            assert.match(conf, /^include \/etc\/redis-auth\/auth\.conf$/m);
            assert.doesNotMatch(JSON.stringify(redis.args), /requirepass|PASSWORD/);
        });

        it("is an immutable ConfigMap named after its content", () => {
            assert.equal(m.configMap.immutable, true);
            assert.match(m.configMap.metadata!.name!, /^redis-config-[0-9a-f]{10}$/);
            assert.deepEqual(pod.volumes![0], { name: "config", configMap: { name: m.configMap.metadata!.name } });
        });
    });

    describe("StatefulSet", () => {
        it("runs one pod on the data tier", () => {
            assert.equal(sts.replicas, 1);
            assert.deepEqual(pod.nodeSelector, placement("data").nodeSelector);
            assert.deepEqual(pod.tolerations, placement("data").tolerations);
        });

        it("keeps its data on a volume of the platform's StorageClass, retained when the StatefulSet goes", () => {
            const [claim] = sts.volumeClaimTemplates!;
            assert.equal(claim.spec!.storageClassName, "gp3");
            assert.deepEqual(claim.spec!.resources!.requests, { storage: "20Gi" });
            assert.deepEqual(claim.spec!.accessModes, ["ReadWriteOnce"]);
            assert.deepEqual(sts.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
            assert.ok(redis.volumeMounts!.some((v) => v.name === "data" && v.mountPath === "/data"));
        });

        it("runs Redis as the image's redis user (999:1000), restricted, with a read-only root", () => {
            assert.equal(redis.image, DEFAULT_IMAGES.redis);
            assert.equal(pod.securityContext!.runAsUser, RUN_AS.redis.user);
            assert.equal(pod.securityContext!.fsGroup, RUN_AS.redis.group);
            assert.equal(redis.securityContext!.readOnlyRootFilesystem, true);
            assert.deepEqual(redis.securityContext!.capabilities, { drop: ["ALL"] });
            assert.equal(pod.automountServiceAccountToken, false);
        });

        it("waits for the AOF to load before probing liveness, which only needs the socket", () => {
            assert.equal(redis.startupProbe!.failureThreshold, 120);
            assert.deepEqual(redis.startupProbe!.exec!.command!.slice(0, 2), ["sh", "-c"]);
            assert.deepEqual(redis.livenessProbe!.tcpSocket, { port: "redis" });
            assert.match(redis.readinessProbe!.exec!.command![2], /redis-cli .* ping \| grep -q PONG/);
            assert.deepEqual(redis.env, [
                { name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: "redis-auth", key: "password" } } },
            ]);
        });

        it("runs the exporter sidecar as its own uid, with the password from the Secret", () => {
            assert.equal(exporter.image, DEFAULT_IMAGES.redisExporter);
            assert.equal(exporter.securityContext!.runAsUser, RUN_AS.redisExporter.user);
            assert.deepEqual(exporter.ports, [{ name: "metrics", containerPort: 9121, protocol: "TCP" }]);
            assert.ok(
                exporter.env!.some(
                    (e) => e.name === "REDIS_PASSWORD" && e.valueFrom?.secretKeyRef?.name === "redis-auth",
                ),
            );
            assert.ok(exporter.livenessProbe && exporter.readinessProbe);
            assert.ok(exporter.resources?.limits?.memory);
        });

        it("takes the images from the config when given", () => {
            const custom = redisManifests({
                ...input,
                image: "registry.example.com/redis:7.4.6",
                exporterImage: "registry.example.com/exporter:1.0.0",
            });
            assert.deepEqual(
                custom.statefulSet.spec!.template.spec!.containers.map((c) => c.image),
                ["registry.example.com/redis:7.4.6", "registry.example.com/exporter:1.0.0"],
            );
        });
    });

    describe("around it", () => {
        it("is reached through the redis Service on 6379, metrics on 9121", () => {
            assert.equal(m.service.metadata!.name, "redis");
            assert.deepEqual(
                m.service.spec!.ports!.map((p) => [p.name, p.port]),
                [
                    ["redis", 6379],
                    ["metrics", 9121],
                ],
            );
            assert.equal(sts.serviceName, "redis");
        });

        it("admits only its clients on 6379 and Prometheus on 9121, and calls nothing", () => {
            const policy = m.networkPolicy.spec!;
            assert.deepEqual(
                policy.ingress!.map((r) => [r.from![0].podSelector?.matchLabels?.[NAME_LABEL], r.ports![0].port]),
                [
                    ["backend-api", 6379],
                    ["worker", 6379],
                    ["prometheus", 9121],
                ],
            );
            assert.deepEqual(policy.egress, []);
        });

        it("is monitored and may be drained one pod at a time", () => {
            assert.deepEqual(m.serviceMonitor.spec!.endpoints, [
                { port: "metrics", path: "/metrics", interval: "30s", scrapeTimeout: "10s" },
            ]);
            assert.equal(m.disruptionBudget.spec!.maxUnavailable, 1);
        });

        it("has its own ServiceAccount without a token", () => {
            assert.equal(m.serviceAccount.metadata!.name, "redis");
            assert.equal(m.serviceAccount.automountServiceAccountToken, false);
        });
    });

    it("gives clients a URL with the password encoded and database 0", () => {
        assert.equal(redisUrl("p@ss/word", "erp"), "redis://:p%40ss%2Fword@redis.erp.svc.cluster.local:6379/0");
    });
});
