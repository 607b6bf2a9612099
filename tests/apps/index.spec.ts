import * as assert from "node:assert/strict";
import { COLOUR_LABEL, NAME_LABEL, SECRET_CHECKSUM_ANNOTATION } from "../../apps/k8s";
import { loadSchemas, manifestTypeOf, validateManifest } from "../support/k8s-schema";
import { dependsTransitively } from "../support/plans";
import type { PlanCapture, PlanResource } from "../../tools/harness";
import { appsPlan, DATABASE_PASSWORD, manifests, named, ofType } from "./support/apps-plans";

const OPTIONS = [
    "terrace:apps.gitops.repoURL=https://github.com/acme/erp-apps.git",
    "terrace:appsGitopsToken=standin-token",
    "terrace:apps.backup.enabled=false",
    "terrace:apps.services.api-gateway.liveColour=green",
];

const byUrn = (plan: PlanCapture) => new Map(plan.resources.map((r) => [r.urn, r]));

/** True when `from` waits for `to`, directly or through other resources. */
const dependsOn = (plan: PlanCapture, from: PlanResource, to: PlanResource): boolean =>
    dependsTransitively(plan, from.urn, to.urn);

const kubernetes = (plan: PlanCapture) => plan.resources.filter((r) => r.type.startsWith("kubernetes:"));
const deploymentsOf = (plan: PlanCapture) => manifests(plan, "Deployment");

describe("Apps component", () => {
    let dev: PlanCapture;
    let prod: PlanCapture;
    let options: PlanCapture;

    before(async function () {
        this.timeout(120_000);
        [dev, prod, options] = await Promise.all([
            appsPlan("dev"),
            appsPlan("prod"),
            appsPlan("prod", OPTIONS),
            appsPlan("staging"),
            loadSchemas(),
        ]);
    });

    describe("wiring", () => {
        it("parents everything to the apps component tree (terrace:apps:*)", () => {
            const apps = named(prod, "apps");
            const index = byUrn(prod);
            for (const r of prod.resources.filter(
                (x) =>
                    !["pulumi:pulumi:Stack", "test:index:StandIn", "pulumi:providers:kubernetes"].includes(x.type) &&
                    x !== apps,
            )) {
                let node: PlanResource | undefined = r;
                while (node && node !== apps) node = node.parent ? index.get(node.parent) : undefined;
                assert.ok(node === apps, `${r.type} ${r.name} is outside the Apps component`);
            }
        });

        it("creates every Kubernetes object through the cluster's provider", () => {
            for (const r of kubernetes(prod))
                assert.match(r.provider ?? "", /pulumi:providers:kubernetes::standin-k8s$/, `${r.name}`);
        });

        it("creates every object in the namespace after the namespace and its default-deny policy", () => {
            const ns = named(prod, "apps-namespace-namespace");
            const deny = named(prod, "apps-namespace-default-deny");
            for (const r of kubernetes(prod)) {
                const namespace = (r.inputs.metadata as { namespace?: string } | undefined)?.namespace;
                if (namespace !== "erp") continue;
                assert.ok(dependsOn(prod, r, ns), `${r.name} waits for the namespace`);
                if (r.type.endsWith(":Deployment") || r.type.endsWith(":StatefulSet"))
                    assert.ok(dependsOn(prod, r, deny), `${r.name} waits for default deny`);
            }
        });

        it("rolls out the backend and the workers only after the migration Job, which waits for the database", () => {
            const job = named(prod, "apps-db-migrate");
            assert.ok(dependsOn(prod, job, named(prod, "rds")));
            for (const name of ["apps-backend-api-deployment", "apps-worker-deployment"])
                assert.ok(dependsOn(prod, named(prod, name), job), name);
            assert.ok(
                !dependsOn(prod, named(prod, "apps-frontend-deployment"), job),
                "the frontend does not wait for migrations",
            );
        });

        it("makes custom resources wait for the release that installs their CRDs, and nothing bigger", () => {
            const operator = named(prod, "prometheus-operator");
            for (const r of [
                ...ofType(prod, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor"),
                ...ofType(prod, "kubernetes:monitoring.coreos.com/v1:PrometheusRule"),
            ]) {
                assert.ok(r.dependencies.includes(operator.urn), r.name);
            }
            for (const r of ofType(prod, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute")) {
                assert.ok(r.dependencies.includes(named(prod, "gateway-api").urn), r.name);
                assert.ok(!dependsOn(prod, r, named(prod, "argocd")), `${r.name} does not wait for Argo CD`);
            }
        });

        it("routes app and api host names of the platform, and exports their URLs", () => {
            const hosts = manifests(prod, "HTTPRoute").map((r) => [
                r.metadata.name,
                r.spec.hostnames[0],
                r.spec.parentRefs[0].sectionName,
            ]);
            assert.deepEqual(hosts, [
                ["app", "app.standin.example", "https"],
                ["api", "api.standin.example", "https"],
            ]);
            assert.deepEqual(prod.outputs.urls, {
                app: "https://app.standin.example",
                api: "https://api.standin.example",
            });
            assert.equal(prod.outputs.namespace, "erp");
        });
    });

    describe("secrets", () => {
        it("never shows the database password, even URL-encoded", () => {
            const text = JSON.stringify(prod);
            assert.ok(!text.includes(DATABASE_PASSWORD) && !text.includes(encodeURIComponent(DATABASE_PASSWORD)));
            for (const secret of ofType(prod, "kubernetes:core/v1:Secret"))
                assert.equal(secret.inputs.stringData, "[secret]", secret.name);
        });

        it("rolls the pods that read a Secret when it changes (checksum annotation)", () => {
            for (const d of deploymentsOf(prod)) {
                const annotated = SECRET_CHECKSUM_ANNOTATION in (d.spec.template.metadata.annotations ?? {});
                const readsSecret = (d.spec.template.spec.containers[0].envFrom ?? []).some(
                    (e: Record<string, unknown>) => "secretRef" in e,
                );
                assert.equal(annotated, readsSecret, d.metadata.name);
            }
            const redis = manifests(prod, "StatefulSet")[0];
            assert.match(redis.spec.template.metadata.annotations[SECRET_CHECKSUM_ANNOTATION], /^[0-9a-f]{16}$/);
        });
    });

    describe("per environment", () => {
        it("runs the services dev-sized in dev and production-sized in prod", () => {
            const replicas = (plan: PlanCapture) =>
                Object.fromEntries(
                    deploymentsOf(plan).map((d) => {
                        const hpa = manifests(plan, "HorizontalPodAutoscaler").find(
                            (h) => h.spec.scaleTargetRef.name === d.metadata.name,
                        );
                        return [
                            d.metadata.name,
                            hpa ? `${hpa.spec.minReplicas}-${hpa.spec.maxReplicas}` : String(d.spec.replicas),
                        ];
                    }),
                );
            assert.deepEqual(replicas(prod), {
                frontend: "2-6",
                "api-gateway-blue": "2-8",
                "api-gateway-green": "2-8",
                "backend-api": "3-20",
                worker: "2-10",
                scheduler: "1",
            });
            assert.deepEqual(replicas(dev), {
                frontend: "1",
                "api-gateway-blue": "1",
                "api-gateway-green": "1",
                "backend-api": "1-2",
                worker: "1",
                scheduler: "1",
            });
        });

        it("sizes the namespace quota by environment", () => {
            assert.equal(manifests(dev, "ResourceQuota")[0].spec.hard["requests.cpu"], "10");
            assert.equal(manifests(prod, "ResourceQuota")[0].spec.hard["requests.cpu"], "50");
        });

        it("protects the backup bucket and its key in prod only", () => {
            for (const name of ["apps-db-backups", "apps-db-backup-key"]) {
                assert.deepEqual(named(prod, name).options, { protect: true, retainOnDelete: true }, name);
                assert.equal(named(dev, name).options, undefined, name);
            }
            assert.equal(named(prod, "apps-db-backups").inputs.forceDestroy, false);
        });

        it("keeps dumps 30 days in prod and 3 in dev", () => {
            const days = (plan: PlanCapture) =>
                (named(plan, "apps-db-backups-lifecycle").inputs.rules as { expiration?: { days?: number } }[])[0]
                    .expiration?.days;
            assert.equal(days(prod), 30);
            assert.equal(days(dev), 3);
        });
    });

    describe("options", () => {
        it("creates no GitOps objects unless a repository is configured", () => {
            assert.equal(ofType(prod, "kubernetes:argoproj.io/v1alpha1:Application").length, 0);
            const project = manifests(options, "AppProject")[0];
            const application = manifests(options, "Application")[0];
            assert.deepEqual(project.spec.sourceRepos, ["https://github.com/acme/erp-apps.git"]);
            assert.deepEqual(application.spec.syncPolicy.automated, { prune: true, selfHeal: true });
            assert.ok(dependsOn(options, named(options, "apps-gitops-application"), named(options, "argocd")));
        });

        it("stores the GitOps token as an Argo CD repository Secret", () => {
            const repo = named(options, "apps-gitops-repository");
            assert.equal((repo.inputs.metadata as { namespace: string }).namespace, "argocd");
            assert.equal(repo.inputs.stringData, "[secret]");
        });

        it("sends the api-gateway Service to the configured live colour", () => {
            const selector = (plan: PlanCapture, name: string) =>
                manifests(plan, "Service").find((s) => s.metadata.name === name)!.spec.selector[COLOUR_LABEL];
            assert.equal(selector(prod, "api-gateway"), "blue");
            assert.equal(selector(options, "api-gateway"), "green");
            assert.equal(selector(options, "api-gateway-preview"), "blue");
        });

        it("creates no bucket, key, role or CronJob when backups are disabled", () => {
            for (const type of [
                "aws:s3/bucket:Bucket",
                "aws:kms/key:Key",
                "aws:iam/role:Role",
                "kubernetes:batch/v1:CronJob",
            ]) {
                assert.equal(ofType(options, type).length, 0, type);
                assert.equal(ofType(prod, type).length, 1, type);
            }
        });
    });

    describe("security baseline of every pod", () => {
        const pods = (plan: PlanCapture) =>
            kubernetes(plan).flatMap((r) => {
                const i = r.inputs as Record<string, any>;
                const template = i.spec?.jobTemplate?.spec?.template ?? i.spec?.template;
                return template?.spec
                    ? [{ name: r.name, kind: i.kind as string, spec: template.spec as Record<string, any> }]
                    : [];
            });

        it("finds the workloads", () => {
            assert.deepEqual(
                pods(prod)
                    .map((p) => p.kind)
                    .sort(),
                [
                    "CronJob",
                    "Deployment",
                    "Deployment",
                    "Deployment",
                    "Deployment",
                    "Deployment",
                    "Deployment",
                    "Job",
                    "StatefulSet",
                ],
            );
        });

        it("meets Pod Security restricted: non-root, RuntimeDefault seccomp, no escalation, all capabilities dropped, allowed volumes", () => {
            const allowed = [
                "configMap",
                "csi",
                "downwardAPI",
                "emptyDir",
                "ephemeral",
                "persistentVolumeClaim",
                "projected",
                "secret",
            ];
            for (const { name, spec } of pods(prod)) {
                assert.equal(spec.securityContext.runAsNonRoot, true, name);
                assert.equal(spec.securityContext.seccompProfile.type, "RuntimeDefault", name);
                assert.ok(!spec.hostNetwork && !spec.hostPID && !spec.hostIPC, name);
                for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
                    assert.equal(c.securityContext.allowPrivilegeEscalation, false, `${name}/${c.name}`);
                    assert.deepEqual(c.securityContext.capabilities, { drop: ["ALL"] }, `${name}/${c.name}`);
                    assert.equal(c.securityContext.readOnlyRootFilesystem, true, `${name}/${c.name}`);
                    assert.ok(!c.ports?.some((p: { hostPort?: number }) => p.hostPort), `${name}/${c.name}`);
                }
                for (const v of spec.volumes ?? [])
                    assert.ok(
                        Object.keys(v).some((k) => allowed.includes(k)),
                        `${name}: volume ${v.name}`,
                    );
            }
        });

        it("requests and limits CPU and memory, with pinned images, in every container", () => {
            for (const { name, spec } of pods(prod)) {
                for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
                    for (const kind of ["requests", "limits"])
                        for (const r of ["cpu", "memory"])
                            assert.ok(c.resources[kind][r], `${name}/${c.name} ${kind}.${r}`);
                    assert.match(c.image, /:[\w][\w.-]*$|@sha256:/, `${name}/${c.name}`);
                    assert.doesNotMatch(c.image, /:latest$/, `${name}/${c.name}`);
                }
            }
        });

        it("probes the readiness and liveness of every long-running container", () => {
            for (const { name, kind, spec } of pods(prod).filter((p) => !["Job", "CronJob"].includes(p.kind))) {
                for (const c of spec.containers)
                    assert.ok(c.readinessProbe && c.livenessProbe, `${kind} ${name}/${c.name}`);
            }
        });

        it("mounts no API token, in the pods or through their ServiceAccounts", () => {
            for (const { name, spec } of pods(prod)) assert.equal(spec.automountServiceAccountToken, false, name);
            for (const sa of manifests(prod, "ServiceAccount"))
                assert.equal(sa.automountServiceAccountToken, false, sa.metadata.name);
        });

        it("uses neither the default namespace nor NodePort or LoadBalancer Services", () => {
            for (const r of kubernetes(prod)) {
                const i = r.inputs as Record<string, any>;
                if (i.kind !== "Namespace")
                    assert.ok(i.metadata?.namespace && i.metadata.namespace !== "default", r.name);
            }
            for (const s of manifests(prod, "Service")) assert.equal(s.spec.type, "ClusterIP", s.metadata.name);
        });

        it("gives every multi-replica Deployment exactly one PDB that allows a disruption", () => {
            const budgets = manifests(prod, "PodDisruptionBudget");
            for (const d of deploymentsOf(prod)) {
                const labels = d.spec.template.metadata.labels;
                const matching = budgets.filter((b) =>
                    Object.entries(b.spec.selector.matchLabels).every(([k, v]) => labels[k] === v),
                );
                assert.equal(matching.length, 1, d.metadata.name);
                assert.equal(matching[0].spec.maxUnavailable, 1);
            }
        });

        it("isolates every workload with its own NetworkPolicy", () => {
            const selected = manifests(prod, "NetworkPolicy")
                .map((p) => p.spec.podSelector.matchLabels?.[NAME_LABEL])
                .filter(Boolean);
            for (const { spec } of pods(prod)) {
                assert.ok(spec.serviceAccountName, "each workload has its own identity");
            }
            assert.deepEqual(selected.sort(), [
                "api-gateway",
                "backend-api",
                "db-backup",
                "db-migrate",
                "frontend",
                "redis",
                "scheduler",
                "worker",
            ]);
        });
    });

    it("passes every policy of the pack in every stack", async () => {
        // The pack lives in its own workspace; its runner is what `npm run plan` uses.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const runner = require("../../policy-pack/lib/runner");
        for (const plan of [dev, await appsPlan("staging"), prod, options]) {
            const resources = plan.resources.map((r) => ({
                type: r.type,
                name: r.name,
                urn: r.urn,
                props: r.inputs,
                parent: r.parent,
                dependencies: r.dependencies,
            }));
            const violations = runner.runPolicies(resources, runner.loadPackConfig(plan.stack)) as {
                policy: string;
                message: string;
            }[];
            assert.deepEqual(
                violations.map((v) => `${v.policy}: ${v.message}`),
                [],
                plan.stack,
            );
        }
    });

    it("registers objects that validate against the upstream schemas", () => {
        for (const plan of [dev, prod, options]) {
            for (const r of kubernetes(plan)) {
                if (r.type === "kubernetes:helm.sh/v3:Release") continue;
                const inputs = Object.fromEntries(Object.entries(r.inputs).filter(([, v]) => v !== "[secret]"));
                const type = manifestTypeOf(r.type)!;
                assert.deepEqual(
                    validateManifest({ apiVersion: type.apiVersion, kind: type.kind, ...inputs }),
                    [],
                    `${plan.stack} ${r.type} ${r.name}`,
                );
            }
        }
    });
});
