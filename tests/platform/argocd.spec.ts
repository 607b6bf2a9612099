import { strict as assert } from "node:assert";
import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { ConfigError, parseConfig } from "../../config";
import { placement } from "../../infra/tiers";
import { argocdConfigSchema } from "../../config/platform/argocd";
import { ARGOCD_PIN, argocdHa, argocdValues, bootstrapApplication } from "../../platform/argocd";
import { chartMetadata, unknownValueKeys } from "../support/chart-values";
import { rawConfigOf, withValue } from "../support/config";
import { PlanDocument, planFor, resourcesOfType, STACKS } from "../support/plans";
import { nodeGroupOf, otherReleasesReached, releaseOf } from "../support/releases";

const HASH = "$2a$10$abcdefghijklmnopqrstuu5Zr1n2x8L7B0y5d0u3oQeY3vFJ0aX1e";
const MTIME = "2026-01-01T00:00:00Z";
const lean = argocdValues({ ha: false, adminPasswordHash: HASH, adminPasswordMtime: MTIME });
const ha = argocdValues({ ha: true, adminPasswordHash: HASH, adminPasswordMtime: MTIME });
type Values = Record<string, any>;

describe("Argo CD", () => {
    it("pins the chart version and repository of the vendored chart", () => {
        assert.equal(ARGOCD_PIN.chart, chartMetadata("argo-cd").name);
        assert.equal(ARGOCD_PIN.version, chartMetadata("argo-cd").version);
        assert.equal(ARGOCD_PIN.repository, "https://argoproj.github.io/argo-helm");
    });

    describe("values", () => {
        it("use only keys the chart (and its redis-ha subchart) declares, lean and HA alike", () => {
            assert.deepEqual(unknownValueKeys("argo-cd", lean), []);
            assert.deepEqual(unknownValueKeys("argo-cd", ha), []);
        });

        it("place every component on the system tier by default", () => {
            const global = (lean as Values).global;
            assert.deepEqual(global.nodeSelector, placement("system").nodeSelector);
            assert.deepEqual(global.tolerations, placement("system").tolerations);
        });

        it("place Redis and Redis HA on the data tier with the tier's tolerations", () => {
            for (const values of [lean, ha] as Values[]) {
                assert.deepEqual(values.redis.nodeSelector, placement("data").nodeSelector);
                assert.deepEqual(values.redis.tolerations, placement("data").tolerations);
                assert.deepEqual(values["redis-ha"].nodeSelector, placement("data").nodeSelector);
                assert.deepEqual(values["redis-ha"].tolerations, placement("data").tolerations);
            }
        });

        it("keep the API server inside the cluster: a ClusterIP service, no Ingress and no HTTPRoute", () => {
            const server = (ha as Values).server;
            assert.equal(server.service.type, "ClusterIP");
            assert.equal(server.ingress.enabled, false);
            assert.equal(server.httproute.enabled, false);
        });

        it("store the bcrypt hash and a fixed mtime where the chart reads the admin password", () => {
            const secret = (lean as Values).configs.secret;
            assert.equal(secret.argocdServerAdminPassword, HASH);
            assert.equal(secret.argocdServerAdminPasswordMtime, MTIME);
        });

        describe("in HA mode", () => {
            const v = ha as Values;
            it("enable redis-ha with zone spread and disruption budgets", () => {
                assert.equal(v["redis-ha"].enabled, true);
                assert.equal(v["redis-ha"].topologySpreadConstraints.enabled, true);
                assert.deepEqual(v["redis-ha"].podDisruptionBudget, { maxUnavailable: 1 });
                assert.deepEqual(v["redis-ha"].haproxy.podDisruptionBudget, { maxUnavailable: 1 });
            });

            it("run two replicas of the server, repo server and ApplicationSet controller, each with a PDB", () => {
                for (const component of ["server", "repoServer", "applicationSet"]) {
                    assert.equal(v[component].replicas, 2, component);
                    assert.deepEqual(v[component].pdb, { enabled: true, minAvailable: 1 }, component);
                }
            });

            it("keep one application controller, as the chart's HA values do for a single cluster", () => {
                assert.equal(v.controller.replicas, 1);
            });

            it("spread every component across zones", () => {
                assert.deepEqual(v.global.topologySpreadConstraints, [
                    { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" },
                ]);
            });
        });

        describe("in lean mode", () => {
            const v = lean as Values;
            it("run single replicas without redis-ha or PDBs", () => {
                assert.equal(v["redis-ha"].enabled, false);
                for (const component of ["server", "repoServer", "applicationSet"]) {
                    assert.equal(v[component].replicas, 1, component);
                    assert.deepEqual(v[component].pdb, { enabled: false }, component);
                }
                assert.deepEqual(v.global.topologySpreadConstraints, []);
            });
        });
    });

    it("runs HA in prod only", () => {
        assert.equal(argocdHa("prod"), true);
        assert.equal(argocdHa("staging"), false);
        assert.equal(argocdHa("dev"), false);
    });

    describe("bootstrap Application", () => {
        const app = bootstrapApplication({
            name: "bootstrap",
            namespace: "argocd",
            repoURL: "https://github.com/example/terrace-apps.git",
            path: "apps",
            targetRevision: "main",
        });

        it("is a valid argoproj.io/v1alpha1 Application", () => {
            assert.doesNotThrow(() => new Application(app as never).validate());
        });

        it("syncs automatically with prune and self-heal, into Argo CD's namespace on this cluster", () => {
            assert.deepEqual((app.spec.syncPolicy as Values).automated, { prune: true, selfHeal: true });
            assert.deepEqual(app.spec.destination, { server: "https://kubernetes.default.svc", namespace: "argocd" });
            assert.deepEqual(app.spec.source, {
                repoURL: "https://github.com/example/terrace-apps.git",
                path: "apps",
                targetRevision: "main",
            });
        });

        it("has no cascading-delete finalizer", () => {
            assert.equal((app.metadata as Values).finalizers, undefined);
        });
    });

    describe("configuration", () => {
        it("defaults the bootstrap path to apps and the revision to HEAD", () => {
            const parsed = argocdConfigSchema.parse({ bootstrap: { repoURL: "git@github.com:example/apps.git" } });
            assert.deepEqual(parsed.bootstrap, {
                repoURL: "git@github.com:example/apps.git",
                path: "apps",
                targetRevision: "HEAD",
            });
        });

        it("has no bootstrap unless a repository is configured", () => {
            assert.equal(argocdConfigSchema.parse({}).bootstrap, undefined);
        });

        it("refuses a repository URL that is not https, ssh or git@, naming the key", () => {
            const raw = withValue(rawConfigOf("dev"), "platform.argocd.bootstrap", {
                repoURL: "ftp://example.com/apps",
            });
            assert.throws(
                () => parseConfig(raw),
                (e: unknown) => e instanceof ConfigError && e.key === "terrace:platform.argocd.bootstrap.repoURL",
            );
        });

        it("refuses a rotation time that is not a UTC timestamp", () => {
            const raw = withValue(rawConfigOf("dev"), "platform.argocd.adminPasswordRotatedAt", "yesterday");
            assert.throws(
                () => parseConfig(raw),
                (e: unknown) => e instanceof ConfigError && e.key === "terrace:platform.argocd.adminPasswordRotatedAt",
            );
        });
    });
});

describe("Argo CD in each stack's plan", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            let plan: PlanDocument;
            before(async () => {
                plan = await planFor(stack);
            });

            it("installs the pinned argo-cd chart as release argocd in the argocd namespace", () => {
                const { inputs } = releaseOf(plan, "argo-cd");
                assert.deepEqual(
                    [inputs.name, inputs.namespace, inputs.version, (inputs.repositoryOpts as Values).repo],
                    ["argocd", "argocd", ARGOCD_PIN.version, ARGOCD_PIN.repository],
                );
            });

            it("waits for the system and data node groups and for no other add-on", () => {
                const release = releaseOf(plan, "argo-cd");
                for (const tier of ["system", "data"] as const) {
                    assert.ok(release.dependencies.includes(nodeGroupOf(plan, tier).urn), tier);
                }
                assert.deepEqual(otherReleasesReached(plan, release), []);
            });

            it(`runs ${stack === "prod" ? "the HA values" : "single replicas"}`, () => {
                const values = releaseOf(plan, "argo-cd").inputs.values as Values;
                assert.equal(values["redis-ha"].enabled, stack === "prod");
                assert.equal(values.server.replicas, stack === "prod" ? 2 : 1);
            });

            it("keeps the admin password hash secret and the rest of the values reviewable", () => {
                const values = releaseOf(plan, "argo-cd").inputs.values as Values;
                assert.equal(values.configs.secret.argocdServerAdminPassword, "[secret]");
                assert.equal(values.server.service.type, "ClusterIP");
            });

            it("creates no bootstrap Application while no repository is configured", () => {
                assert.deepEqual(resourcesOfType(plan, "kubernetes:argoproj.io/v1alpha1:Application"), []);
            });
        });
    }
});
