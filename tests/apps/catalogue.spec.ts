import * as assert from "node:assert/strict";
import {
    catalogue,
    DEFAULT_IMAGES,
    POSTGRES_IMAGES,
    RUN_AS,
    serviceContext,
    USES_DATABASE,
} from "../../apps/catalogue";
import { hasAutoscaler, ServiceSpec } from "../../apps/service";
import { parseConfig, RDS_POSTGRES_MAJORS, TerraceConfig } from "../../config";
import { isPinnedImage, parseQuantity } from "../../config/apps";
import { rawConfigOf, withValue } from "../support/config";

const configOf = (stack: string): TerraceConfig => parseConfig(rawConfigOf(stack));
const servicesOf = (config: TerraceConfig): ServiceSpec[] =>
    catalogue({ config, hostnames: { app: "app.example.com", api: "api.example.com" }, databaseUser: "terrace_admin" });
const byName = (specs: ServiceSpec[], name: string): ServiceSpec => specs.find((s) => s.name === name)!;
const sizes = (spec: ServiceSpec) => [spec.replicas, hasAutoscaler(spec) ? spec.maxReplicas : undefined];

describe("reference workloads", () => {
    const stacks = {
        dev: servicesOf(configOf("dev")),
        staging: servicesOf(configOf("staging")),
        prod: servicesOf(configOf("prod")),
    };

    it("are the frontend, API gateway, backend API, worker and scheduler", () => {
        assert.deepEqual(
            stacks.prod.map((s) => s.name),
            ["frontend", "api-gateway", "backend-api", "worker", "scheduler"],
        );
    });

    describe("per environment", () => {
        it("runs the frontend 2 in prod, 1 in staging and dev", () => {
            assert.deepEqual(sizes(byName(stacks.prod, "frontend")), [2, 6]);
            assert.deepEqual(sizes(byName(stacks.staging, "frontend")), [1, 2]);
            assert.deepEqual(sizes(byName(stacks.dev, "frontend")), [1, undefined]);
        });

        it("runs the backend 3 to 20 under an HPA in prod, 1 in staging", () => {
            assert.deepEqual(sizes(byName(stacks.prod, "backend-api")), [3, 20]);
            assert.equal(byName(stacks.staging, "backend-api").replicas, 1);
        });

        it("runs workers 2 in prod, 1 in staging", () => {
            assert.equal(byName(stacks.prod, "worker").replicas, 2);
            assert.equal(byName(stacks.staging, "worker").replicas, 1);
        });

        it("runs exactly one scheduler everywhere, never autoscaled", () => {
            for (const specs of Object.values(stacks)) {
                assert.deepEqual(sizes(byName(specs, "scheduler")), [1, undefined]);
            }
        });

        it("makes dev the smallest: no service asks for more there than in staging or prod", () => {
            for (const name of stacks.dev.map((s) => s.name)) {
                for (const bigger of [stacks.staging, stacks.prod]) {
                    const small = byName(stacks.dev, name);
                    const large = byName(bigger, name);
                    assert.ok(small.replicas <= large.replicas, `${name} replicas`);
                    for (const kind of ["cpu", "memory"] as const) {
                        assert.ok(
                            parseQuantity(small.resources.requests[kind])! <=
                                parseQuantity(large.resources.requests[kind])!,
                            `${name} ${kind}`,
                        );
                    }
                }
            }
        });

        it("spreads over zones strictly only in prod", () => {
            assert.equal(serviceContext(configOf("prod"), "monitoring").zoneSpread, "DoNotSchedule");
            assert.equal(serviceContext(configOf("staging"), "monitoring").zoneSpread, "ScheduleAnyway");
        });
    });

    describe("images", () => {
        it("are pinned", () => {
            for (const image of [...Object.values(DEFAULT_IMAGES), ...Object.values(POSTGRES_IMAGES)])
                assert.ok(isPinnedImage(image), image);
        });

        it("include a postgres client for every RDS major version the config allows", () => {
            assert.deepEqual(Object.keys(POSTGRES_IMAGES).sort(), [...RDS_POSTGRES_MAJORS].sort());
            for (const [major, image] of Object.entries(POSTGRES_IMAGES))
                assert.match(image, new RegExp(`:${major}\\.\\d+-alpine$`));
        });

        it("run the frontend as nginx-unprivileged's uid 101 on port 8080", () => {
            const frontend = byName(stacks.prod, "frontend");
            assert.equal(frontend.image, DEFAULT_IMAGES.frontend);
            assert.deepEqual(frontend.runAs, RUN_AS.nginx);
            assert.deepEqual(frontend.ports, [{ name: "http", containerPort: 8080, servicePort: 80 }]);
        });

        it("can be overridden per service from the config, with the uid to run as", () => {
            const config = parseConfig(
                withValue(rawConfigOf("dev"), "apps.services.worker", {
                    image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/erp/worker:2.0.1",
                    runAsUser: 1000,
                }),
            );
            const worker = byName(servicesOf(config), "worker");
            assert.equal(worker.image, "111122223333.dkr.ecr.eu-west-1.amazonaws.com/erp/worker:2.0.1");
            assert.deepEqual(worker.runAs, { user: 1000, group: 1000 });
        });

        it("give each api-gateway colour its own image, defaulting to the service image", () => {
            const raw = withValue(
                rawConfigOf("prod"),
                "apps.services.api-gateway.greenImage",
                "ghcr.io/stefanprodan/podinfo:6.9.2",
            );
            const gateway = byName(servicesOf(parseConfig(raw)), "api-gateway");
            assert.deepEqual(gateway.blueGreen, {
                live: "blue",
                images: { blue: DEFAULT_IMAGES.podinfo, green: "ghcr.io/stefanprodan/podinfo:6.9.2" },
            });
        });

        it("switch the live colour from the config", () => {
            const raw = withValue(rawConfigOf("prod"), "apps.services.api-gateway.liveColour", "green");
            assert.equal(byName(servicesOf(parseConfig(raw)), "api-gateway").blueGreen?.live, "green");
        });
    });

    describe("flows", () => {
        const specs = stacks.prod;

        it("expose only the frontend and the API gateway to the gateway", () => {
            const exposed = specs.filter((s) => s.callers?.some((c) => "gateway" in c)).map((s) => s.name);
            assert.deepEqual(exposed, ["frontend", "api-gateway"]);
        });

        it("let only the API gateway call the backend", () => {
            assert.deepEqual(byName(specs, "backend-api").callers, [{ app: "api-gateway" }]);
            assert.deepEqual(byName(specs, "api-gateway").dependencies, [{ app: "backend-api", ports: [9898] }]);
        });

        it("give the database only to the backend and the workers, through the VPC range on 5432", () => {
            const users = specs.filter((s) => s.dependencies?.some((d) => "cidr" in d)).map((s) => s.name);
            assert.deepEqual(users, ["backend-api", "worker"]);
            assert.deepEqual(users, [...USES_DATABASE]);
            assert.deepEqual(
                byName(specs, "worker").dependencies?.find((d) => "cidr" in d),
                { cidr: "10.30.0.0/16", ports: [5432] },
            );
        });

        it("give Redis to the backend, the workers and the scheduler", () => {
            const users = specs
                .filter((s) => s.dependencies?.some((d) => "app" in d && d.app === "redis"))
                .map((s) => s.name);
            assert.deepEqual(users, ["backend-api", "worker", "scheduler"]);
        });

        it("keep the frontend from calling anything", () => {
            assert.deepEqual(byName(specs, "frontend").dependencies, []);
        });
    });

    describe("settings", () => {
        const backend = byName(stacks.prod, "backend-api");

        it("give the backend its database and Redis settings, with the connection secrets in its Secret", () => {
            assert.equal(backend.config?.DATABASE_NAME, "erp");
            assert.equal(backend.config?.DATABASE_USER, "terrace_admin");
            assert.equal(backend.config?.DATABASE_SSLMODE, "require");
            assert.equal(backend.config?.REDIS_HOST, "redis.erp.svc.cluster.local");
            assert.deepEqual(backend.secretKeys, [
                "DATABASE_URL",
                "DATABASE_HOST",
                "DATABASE_PORT",
                "DATABASE_PASSWORD",
                "REDIS_URL",
                "REDIS_PASSWORD",
            ]);
        });

        it("give the scheduler Redis only", () => {
            assert.deepEqual(byName(stacks.prod, "scheduler").secretKeys, ["REDIS_URL", "REDIS_PASSWORD"]);
        });

        it("tell the frontend where the API is", () => {
            assert.equal(byName(stacks.prod, "frontend").config?.API_BASE_URL, "https://api.example.com");
        });

        it("expose metrics on every podinfo-based service", () => {
            const withMetrics = stacks.prod.filter((s) => s.metrics).map((s) => s.name);
            assert.deepEqual(withMetrics, ["api-gateway", "backend-api", "worker", "scheduler"]);
        });
    });
});
