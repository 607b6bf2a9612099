/**
 * The platform layer as composed by index.ts, read from each stack's offline plan: pinned chart versions,
 * placement, IRSA trust and the dependency edges that make `pulumi up` and `pulumi destroy` run in the right
 * order (and nothing wait that need not).
 */
import * as assert from "node:assert/strict";
import { placement } from "../../infra/tiers";
import { CILIUM_OPERATOR_SERVICE_ACCOUNT } from "../../platform/cilium";
import { EBS_CSI_SERVICE_ACCOUNT } from "../../platform/ebs-csi";
import { LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT } from "../../platform/load-balancer-controller";
import { chartMetadata } from "../support/chart-values";
import {
    dependsTransitively,
    PlanDocument,
    PlanResource,
    planFor,
    resourceNamed,
    resourcesOfType,
    STACKS,
} from "../support/plans";
import { NODE_GROUP, RELEASE } from "../support/releases";

const ROLE = "aws:iam/role:Role";

type Values = Record<string, any>;

const release = (plan: PlanDocument, name: string) => resourceNamed(plan, RELEASE, name);
const depends = (plan: PlanDocument, from: PlanResource, to: PlanResource) =>
    dependsTransitively(plan, from.urn, to.urn);
const nodeGroup = (plan: PlanDocument, tier: string) => resourceNamed(plan, NODE_GROUP, `tiers-${tier}`);

/** The condition of an IRSA role's trust policy. */
function trustedSubject(role: PlanResource): string[] {
    const policy = JSON.parse(String(role.inputs.assumeRolePolicy)) as {
        Statement: { Condition: { StringEquals: Record<string, string> } }[];
    };
    return policy.Statement.flatMap((s) =>
        Object.entries(s.Condition.StringEquals)
            .filter(([k]) => k.endsWith(":sub"))
            .map(([, v]) => v),
    );
}

for (const stack of STACKS) {
    describe(`platform layer in the ${stack} plan`, () => {
        let plan: PlanDocument;
        before(async function () {
            this.timeout(120000);
            plan = await planFor(stack);
        });

        it("installs every Helm release at the version vendored in tests/fixtures/charts", () => {
            const releases = resourcesOfType(plan, RELEASE);
            assert.ok(releases.length >= 3, "the plan has the platform's releases");
            for (const r of releases) {
                const meta = chartMetadata(String(r.inputs.chart));
                assert.equal(r.inputs.version, meta.version, `${r.name} (${String(r.inputs.chart)})`);
                assert.ok((r.inputs.repositoryOpts as Values)?.repo, `${r.name} names its repository`);
            }
        });

        describe("Cilium", () => {
            it("goes after the control plane and the Gateway API CRDs, without waiting for any node", () => {
                const cilium = release(plan, "cilium-release");
                const crds = resourceNamed(plan, "kubernetes:yaml/v2:ConfigFile", "cilium-gateway-api-crds");
                assert.ok(depends(plan, cilium, crds));
                assert.ok(
                    cilium.dependencies.some((d) => d.includes("eks:index:Cluster")),
                    "depends on the EKS cluster",
                );
                for (const tier of ["system", "application", "data", "ingress"])
                    assert.equal(depends(plan, cilium, nodeGroup(plan, tier)), false, tier);
            });

            it("comes before every node group", () => {
                const cilium = release(plan, "cilium-release");
                for (const tier of ["system", "application", "data", "ingress"])
                    assert.ok(depends(plan, nodeGroup(plan, tier), cilium), tier);
            });

            it("does not wait for readiness (no node exists yet) and takes the API server host without scheme", () => {
                const cilium = release(plan, "cilium-release");
                assert.equal(cilium.inputs.skipAwait, true);
                assert.doesNotMatch(String((cilium.inputs.values as Values).k8sServiceHost), /^https?:/);
            });
        });

        describe("IRSA roles", () => {
            const cases: [string, string][] = [
                ["cilium-operator", `system:serviceaccount:kube-system:${CILIUM_OPERATOR_SERVICE_ACCOUNT}`],
                [
                    "platform-aws-load-balancer-controller-role",
                    `system:serviceaccount:kube-system:${LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT}`,
                ],
                ["platform-ebs-csi-role", `system:serviceaccount:kube-system:${EBS_CSI_SERVICE_ACCOUNT}`],
            ];
            for (const [name, subject] of cases) {
                it(`${name} trusts exactly ${subject}`, () => {
                    assert.deepEqual(trustedSubject(resourceNamed(plan, ROLE, name)), [subject]);
                });
            }

            it("the EBS CSI add-on runs as its IRSA role and waits for the system nodes", () => {
                const addon = resourceNamed(plan, "aws:eks/addon:Addon", "platform-ebs-csi-addon");
                assert.ok(depends(plan, addon, resourceNamed(plan, ROLE, "platform-ebs-csi-role")));
                assert.ok(depends(plan, addon, nodeGroup(plan, "system")));
            });
        });

        describe("placement", () => {
            it("puts the controllers on the system tier", () => {
                const system = placement("system").nodeSelector;
                const lbc = release(plan, "platform-aws-load-balancer-controller-release").inputs.values as Values;
                const certManager = release(plan, "platform-cert-manager-release").inputs.values as Values;
                assert.deepEqual(lbc.nodeSelector, system);
                assert.deepEqual(certManager.nodeSelector, system);
                assert.deepEqual(certManager.webhook.nodeSelector, system);
            });

            it("sends gateway traffic only to the ingress tier's nodes", () => {
                const gateway = resourceNamed(
                    plan,
                    "kubernetes:gateway.networking.k8s.io/v1:Gateway",
                    "platform-gateway-gateway",
                );
                const annotations = (gateway.inputs.spec as Values).infrastructure.annotations as Record<
                    string,
                    string
                >;
                assert.equal(
                    annotations["service.beta.kubernetes.io/aws-load-balancer-target-node-labels"],
                    "workload-type=ingress",
                );
            });

            it("waits for the node group its pods run on", () => {
                for (const name of ["platform-aws-load-balancer-controller-release", "platform-cert-manager-release"]) {
                    assert.ok(depends(plan, release(plan, name), nodeGroup(plan, "system")), name);
                }
            });
        });

        describe("dependencies", () => {
            it("create custom resources after the release that installs their CRDs", () => {
                const certManager = release(plan, "platform-cert-manager-release");
                for (const issuer of resourcesOfType(plan, "kubernetes:cert-manager.io/v1:ClusterIssuer"))
                    assert.ok(depends(plan, issuer, certManager), issuer.name);
                const certificate = resourceNamed(
                    plan,
                    "kubernetes:cert-manager.io/v1:Certificate",
                    "platform-gateway-certificate",
                );
                assert.ok(depends(plan, certificate, certManager));
                const crds = resourceNamed(plan, "kubernetes:yaml/v2:ConfigFile", "cilium-gateway-api-crds");
                for (const type of [
                    "kubernetes:gateway.networking.k8s.io/v1:Gateway",
                    "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
                ]) {
                    for (const r of resourcesOfType(plan, type).filter((r) => r.name.startsWith("platform-")))
                        assert.ok(depends(plan, r, crds), r.name);
                }
            });

            it("start cert-manager after the Gateway API CRDs, without which its Gateway API support cannot start", () => {
                const crds = resourceNamed(plan, "kubernetes:yaml/v2:ConfigFile", "cilium-gateway-api-crds");
                assert.ok(depends(plan, release(plan, "platform-cert-manager-release"), crds));
            });

            it("make the Gateway (and so its NLB) depend on the load balancer controller, so destroy removes it first", () => {
                const gateway = resourceNamed(
                    plan,
                    "kubernetes:gateway.networking.k8s.io/v1:Gateway",
                    "platform-gateway-gateway",
                );
                assert.ok(depends(plan, gateway, release(plan, "platform-aws-load-balancer-controller-release")));
                assert.ok(depends(plan, gateway, release(plan, "cilium-release")));
            });

            it("let independent releases install in parallel", () => {
                const platformReleases = resourcesOfType(plan, RELEASE).filter((r) => r.name.startsWith("platform-"));
                // Releases that do need another: the Kyverno policies need the Kyverno CRDs.
                const expected = new Set(["platform-kyverno-policies->platform-kyverno-release"]);
                for (const a of platformReleases) {
                    for (const b of platformReleases) {
                        if (a === b || expected.has(`${a.name}->${b.name}`)) continue;
                        assert.equal(depends(plan, a, b), false, `${a.name} waits for ${b.name}`);
                    }
                }
            });
        });

        it("creates the default gp3 StorageClass", () => {
            const sc = resourceNamed(plan, "kubernetes:storage.k8s.io/v1:StorageClass", "platform-gp3");
            assert.equal(
                (sc.inputs.metadata as Values).annotations["storageclass.kubernetes.io/is-default-class"],
                "true",
            );
            assert.equal(sc.inputs.reclaimPolicy, stack === "prod" ? "Retain" : "Delete");
        });
    });
}
