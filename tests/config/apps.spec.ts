import * as assert from "node:assert/strict";
import { ConfigError, parseConfig, SECRET_KEYS, TerraceConfig } from "../../config";
import {
    APP_QUOTAS,
    appsFootprint,
    appsQuota,
    appsSchema,
    APPS_SECRET_KEYS,
    BACKUP_RETENTION_DAYS,
    backupRetentionDays,
    checkAppsConsistency,
    isPinnedImage,
    parseQuantity,
} from "../../config/apps";
import { rawConfigOf, withValue } from "../support/config";

const raw = rawConfigOf("dev");
const parse = (path: string, value: unknown): TerraceConfig => parseConfig(withValue(raw, path, value));

function assertConfigError(fn: () => unknown, key: string, allowed?: RegExp): void {
    assert.throws(fn, (err: unknown) => {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
        assert.equal(err.key, key);
        if (allowed) assert.match(err.allowed, allowed);
        return true;
    });
}

describe("terrace:apps", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`accepts the ${stack} stack file and its services fit the ${stack} quota at full scale`, () => {
            const config = parseConfig(rawConfigOf(stack));
            assert.doesNotThrow(() => checkAppsConsistency(config.environment, config.apps));
        });
    }

    describe("defaults", () => {
        const apps = appsSchema.parse(undefined);

        it("puts the application in the erp namespace, owned by team erp", () => {
            assert.equal(apps.namespace, "erp");
            assert.equal(apps.team, "erp");
            assert.equal(apps.costCenter, "erp");
        });

        it("runs one replica of every service, without autoscaling", () => {
            for (const service of Object.values(apps.services)) {
                assert.equal(service.replicas, 1);
                assert.equal("maxReplicas" in service ? service.maxReplicas : undefined, undefined);
            }
        });

        it("sends API traffic to the blue colour", () => {
            assert.equal(apps.services["api-gateway"].liveColour, "blue");
        });

        it("backs the database up daily at 02:00 with 5 GiB of scratch space", () => {
            assert.equal(apps.backup.enabled, true);
            assert.equal(apps.backup.schedule, "0 2 * * *");
            assert.equal(apps.backup.scratchGiB, 5);
        });

        it("configures no GitOps repository", () => {
            assert.equal(apps.gitops, undefined);
        });
    });

    describe("environment defaults", () => {
        it("sizes the quota per environment (dev 10/20Gi/50, staging 20/40Gi/100, prod 50/100Gi/200)", () => {
            assert.deepEqual(APP_QUOTAS.dev, { cpu: 10, memoryGiB: 20, pods: 50 });
            assert.deepEqual(APP_QUOTAS.staging, { cpu: 20, memoryGiB: 40, pods: 100 });
            assert.deepEqual(APP_QUOTAS.prod, { cpu: 50, memoryGiB: 100, pods: 200 });
            const apps = appsSchema.parse({});
            assert.deepEqual(appsQuota("prod", apps), APP_QUOTAS.prod);
        });

        it("lets the stack override the quota", () => {
            const apps = appsSchema.parse({ quota: { cpu: 12, memoryGiB: 24, pods: 60 } });
            assert.deepEqual(appsQuota("dev", apps), { cpu: 12, memoryGiB: 24, pods: 60 });
        });

        it("keeps dumps 30 days in prod, 7 in staging, 3 in dev unless configured", () => {
            assert.deepEqual(BACKUP_RETENTION_DAYS, { dev: 3, staging: 7, prod: 30 });
            assert.equal(backupRetentionDays("prod", appsSchema.parse({})), 30);
            assert.equal(backupRetentionDays("prod", appsSchema.parse({ backup: { retentionDays: 90 } })), 90);
        });
    });

    describe("refuses, naming the key", () => {
        it("an HPA maximum below the replica count", () => {
            assertConfigError(
                () => parse("apps.services.backend-api", { replicas: 3, maxReplicas: 2 }),
                "terrace:apps.services.backend-api.maxReplicas",
                /at least replicas \(3\)/,
            );
        });

        it("limits below requests", () => {
            const resources = { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "250m", memory: "256Mi" } };
            assertConfigError(
                () => parse("apps.services.worker.resources", resources),
                "terrace:apps.services.worker.resources.limits.cpu",
                /requests\.cpu/,
            );
        });

        it("a second scheduler replica", () => {
            assertConfigError(
                () => parse("apps.services.scheduler.replicas", 2),
                "terrace:apps.services.scheduler.replicas",
                /1/,
            );
        });

        it("an HPA for the scheduler", () => {
            assertConfigError(
                () => parse("apps.services.scheduler.maxReplicas", 3),
                "terrace:apps.services.scheduler.maxReplicas",
            );
        });

        it("a floating image tag", () => {
            assertConfigError(
                () => parse("apps.services.frontend.image", "nginx:latest"),
                "terrace:apps.services.frontend.image",
                /pinned/,
            );
            assertConfigError(
                () => parse("apps.services.frontend.image", "nginx"),
                "terrace:apps.services.frontend.image",
                /pinned/,
            );
        });

        it("a platform namespace or a kube-* namespace", () => {
            assertConfigError(() => parse("apps.namespace", "monitoring"), "terrace:apps.namespace", /other than/);
            assertConfigError(() => parse("apps.namespace", "kube-apps"), "terrace:apps.namespace", /other than/);
            assertConfigError(() => parse("apps.namespace", "Erp"), "terrace:apps.namespace", /DNS label/);
        });

        it("a quantity Kubernetes would not parse", () => {
            const resources = { requests: { cpu: "half", memory: "64Mi" }, limits: { cpu: "1", memory: "64Mi" } };
            assertConfigError(
                () => parse("apps.services.frontend.resources", resources),
                "terrace:apps.services.frontend.resources.requests.cpu",
                /quantity/,
            );
        });

        it("a label value that is not one (cost centre)", () => {
            assertConfigError(
                () => parse("apps.costCenter", "Cost Centre 1"),
                "terrace:apps.costCenter",
                /label value/,
            );
        });

        it("an unknown service", () => {
            assertConfigError(() => parse("apps.services.billing", { replicas: 1 }), "terrace:apps.services.billing");
        });

        it("a GitOps repository that is not https", () => {
            assertConfigError(
                () => parse("apps.gitops", { repoURL: "git@github.com:acme/erp.git" }),
                "terrace:apps.gitops.repoURL",
                /https/,
            );
        });

        it("a quota the services outgrow at full scale", () => {
            // parseConfig applies checkAppsConsistency through checkConsistency.
            assertConfigError(
                () => parse("apps.quota", { cpu: 1, memoryGiB: 20, pods: 50 }),
                "terrace:apps.quota.cpu",
                /cores/,
            );
            assertConfigError(
                () => parse("apps.quota", { cpu: 10, memoryGiB: 20, pods: 5 }),
                "terrace:apps.quota.pods",
                /surge/,
            );
        });
    });

    it("reads YAML numbers as quantities (cpu: 1)", () => {
        const config = parse("apps.services.worker.resources", {
            requests: { cpu: 0.5, memory: "128Mi" },
            limits: { cpu: 1, memory: "128Mi" },
        });
        assert.equal(config.apps.services.worker.resources.limits.cpu, "1");
        assert.equal(config.apps.services.worker.resources.requests.cpu, "0.5");
    });

    it("declares the GitOps token as a secret key the config accepts", () => {
        assert.deepEqual([...APPS_SECRET_KEYS], ["appsGitopsToken"]);
        assert.ok(SECRET_KEYS.includes("appsGitopsToken"));
        assert.doesNotThrow(() => parseConfig({ ...raw, keys: [...Object.keys(raw.values), "appsGitopsToken"] }));
    });

    describe("footprint at full scale", () => {
        it("counts both api-gateway colours, surge pods, Redis with its exporter, and the two jobs", () => {
            const apps = appsSchema.parse({});
            const need = appsFootprint(apps);
            // Five services at 1 replica + 1 surge pod each, api-gateway twice, Redis, two jobs.
            assert.equal(need.pods, 2 * 6 + 1 + 2);
            const cpu = 2 * 0.05 + 2 * 2 * 0.1 + 2 * 0.1 + 2 * 0.1 + 2 * 0.05 + 0.1 + 0.02 + 2 * 0.1;
            assert.ok(Math.abs(need.cpu - cpu) < 1e-9, `cpu ${need.cpu} != ${cpu}`);
        });

        it("grows with maxReplicas", () => {
            const small = appsFootprint(appsSchema.parse({}));
            const large = appsFootprint(
                appsSchema.parse({ services: { "backend-api": { replicas: 1, maxReplicas: 8 } } }),
            );
            assert.equal(large.pods - small.pods, 8 + 2 - 2);
        });
    });

    describe("parseQuantity", () => {
        it("reads milli-cores, binary and decimal suffixes", () => {
            assert.equal(parseQuantity("250m"), 0.25);
            assert.equal(parseQuantity("2"), 2);
            assert.equal(parseQuantity("1Gi"), 2 ** 30);
            assert.equal(parseQuantity("512Mi"), 512 * 2 ** 20);
            assert.equal(parseQuantity("1G"), 1e9);
        });

        it("refuses what Kubernetes would refuse", () => {
            assert.equal(parseQuantity("1 Gi"), undefined);
            assert.equal(parseQuantity("-1"), undefined);
            assert.equal(parseQuantity("1GB"), undefined);
        });
    });

    describe("isPinnedImage", () => {
        it("accepts a tag or a digest", () => {
            assert.ok(isPinnedImage("public.ecr.aws/nginx/nginx-unprivileged:1.29.4-alpine"));
            assert.ok(isPinnedImage("ghcr.io/stefanprodan/podinfo:6.9.1"));
            assert.ok(isPinnedImage(`redis@sha256:${"a".repeat(64)}`));
            assert.ok(isPinnedImage("registry.example.com:5000/team/app:2024.1"));
        });

        it("refuses no tag, latest, and a registry port mistaken for a tag", () => {
            assert.ok(!isPinnedImage("nginx"));
            assert.ok(!isPinnedImage("nginx:latest"));
            assert.ok(!isPinnedImage("registry.example.com:5000/team/app"));
            assert.ok(!isPinnedImage("Nginx:1.0"));
        });
    });
});
