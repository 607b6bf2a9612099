import { strict as assert } from "node:assert";
import { parseConfig } from "../../config";
import { enabledAddons, OPTIONAL_ADDONS, OptionalAddon } from "../../config/platform/addons";
import { NAMESPACE_OWNERS, PLATFORM_NAMESPACES } from "../../platform/namespaces";
import { rawConfigOf, withValue } from "../support/config";
import { PlanDocument, runPlanCommand, STACKS } from "../support/plans";

/** The child-name prefix of each add-on's resources under the platform component (platform/index.ts). */
const OWNED_PREFIX: Readonly<Record<OptionalAddon, string>> = {
    argocd: "platform-argocd",
    monitoring: "platform-monitoring",
    velero: "platform-velero",
    kyverno: "platform-kyverno",
    metricsServer: "platform-metrics-server",
    loadBalancerController: "platform-aws-load-balancer-controller",
    gateway: "platform-gateway",
};

/** Kinds that exist only because of an add-on: what is switched off with it. */
const SWITCHED_OFF_KINDS: Readonly<Partial<Record<OptionalAddon, readonly string[]>>> = {
    monitoring: [
        "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
        "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    ],
    gateway: ["kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "kubernetes:gateway.networking.k8s.io/v1:Gateway"],
    metricsServer: ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler"],
    argocd: ["kubernetes:argoproj.io/v1alpha1:Application"],
};

describe("each optional add-on disabled alone", function () {
    // One plan per add-on, in child processes: Pulumi mocks are global to a process.
    this.timeout(180_000);
    const stack = STACKS[0];
    const plans = new Map<OptionalAddon, Promise<{ code: number; doc?: PlanDocument; stderr: string }>>();
    const planWithout = (addon: OptionalAddon) => {
        let plan = plans.get(addon);
        if (!plan) {
            plan = runPlanCommand(["--stack", stack, "--json", "-c", `terrace:platform.${addon}.enabled=false`]).then(
                (run) => ({
                    code: run.code,
                    stderr: run.stderr,
                    doc: run.code === 2 ? undefined : JSON.parse(run.stdout),
                }),
            );
            plans.set(addon, plan);
        }
        return plan;
    };

    for (const addon of OPTIONAL_ADDONS) {
        describe(addon, () => {
            it("plans clean: exit 0 and no mandatory violation", async () => {
                const { code, doc, stderr } = await planWithout(addon);
                assert.equal(code, 0, stderr);
                assert.deepEqual(
                    doc!.violations.filter((v) => v.level === "mandatory"),
                    [],
                );
            });

            it("leaves nothing it owns (nor what goes with it): no resource under it, no namespace of its own", async () => {
                const { doc } = await planWithout(addon);
                const config = parseConfig(withValue(rawConfigOf(stack), `platform.${addon}.enabled`, false));
                const running = enabledAddons(config.platform, config.environment);
                const gone = OPTIONAL_ADDONS.filter((a) => !running.has(a));
                assert.ok(gone.includes(addon));
                const owned = doc!.resources.filter((r) =>
                    gone.some((a) => r.name === OWNED_PREFIX[a] || r.name.startsWith(`${OWNED_PREFIX[a]}-`)),
                );
                assert.deepEqual(
                    owned.map((r) => r.name),
                    [],
                );
                const namespaces = doc!.resources
                    .filter((r) => r.type === "kubernetes:core/v1:Namespace")
                    .map((r) => (r.inputs.metadata as { name: string }).name);
                for (const [key, owner] of Object.entries(NAMESPACE_OWNERS)) {
                    const name = PLATFORM_NAMESPACES[key as keyof typeof PLATFORM_NAMESPACES].name;
                    assert.equal(namespaces.includes(name), running.has(owner!), `namespace ${name}`);
                }
            });

            const kinds = SWITCHED_OFF_KINDS[addon];
            if (kinds) {
                it(`switches off what needs it (${kinds.map((k) => k.split(":").pop()).join(", ")})`, async () => {
                    const { doc } = await planWithout(addon);
                    assert.deepEqual(
                        doc!.resources.filter((r) => kinds.includes(r.type)).map((r) => r.name),
                        [],
                    );
                });
            }
        });
    }
});
