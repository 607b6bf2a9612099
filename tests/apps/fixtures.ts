/** Shared inputs of the application-layer specs: a service context and a small service spec to vary. */
import type { ServiceContext, ServiceSpec } from "../../apps/service";

export const CONTEXT: ServiceContext = {
    namespace: "erp",
    partOf: "erp",
    ownership: { environment: "prod", team: "erp", costCenter: "cc-42" },
    zoneSpread: "DoNotSchedule",
    monitoringNamespace: "monitoring",
    monitorLabels: { release: "kube-prometheus-stack" },
};

/** An API service with metrics, config, secrets, a caller and two dependencies; override what a spec varies. */
export function apiSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
    return {
        name: "orders",
        component: "api",
        image: "public.ecr.aws/example/orders:1.2.3",
        ports: [
            { name: "http", containerPort: 8080, servicePort: 80 },
            { name: "metrics", containerPort: 9090 },
        ],
        tier: "application",
        replicas: 2,
        maxReplicas: 6,
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
        runAs: { user: 10001, group: 10001 },
        probes: {
            startup: { http: "/healthz", port: "http" },
            liveness: { http: "/healthz", port: "http" },
            readiness: { http: "/readyz", port: "http" },
        },
        config: { LOG_LEVEL: "info" },
        secretKeys: ["DATABASE_URL"],
        callers: [{ app: "gateway" }],
        dependencies: [
            { app: "redis", ports: [6379] },
            { cidr: "10.30.0.0/16", ports: [5432] },
        ],
        metrics: { port: "metrics", path: "/metrics" },
        ...overrides,
    };
}
