import * as assert from "assert";
import { manifestResource } from "../../../policy-pack/lib/manifests";
import { POLICY_NAME } from "../../../policy-pack/lib/policy";
import { runPolicies } from "../../../policy-pack/lib/runner";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { pssBaselinePolicies, pssPolicies, pssRestrictedPolicies } from "../../../policy-pack/policies/pss";
import { Manifest, app, podSpec, restrictedDeployment } from "./support";

const BASELINE = [
    "host-process",
    "host-namespaces",
    "privileged-containers",
    "capabilities",
    "hostpath-volumes",
    "host-ports",
    "host-probes",
    "apparmor",
    "selinux",
    "proc-mount",
    "seccomp",
    "sysctls",
];
const RESTRICTED = [
    "volume-types",
    "privilege-escalation",
    "running-as-non-root",
    "running-as-non-root-user",
    "seccomp",
    "capabilities",
];

/** A pod that breaks one baseline and one restricted control. */
function hostNetworkRoot(manifest: Manifest): Manifest {
    podSpec(manifest).hostNetwork = true;
    podSpec(manifest).securityContext.runAsUser = 0;
    return manifest;
}

function run(manifest: Manifest, namespaceLevels?: Record<string, string>) {
    const config = namespaceLevels
        ? Object.fromEntries(pssPolicies.map((p) => [p.name, { namespaceLevels }]))
        : undefined;
    return runPolicies([manifestResource(manifest, "fixture#0")], config, pssPolicies).map((v) => v.controls[0]);
}

describe("Pod Security Standards policies", () => {
    it("implement every baseline control, one policy each", () => {
        assert.deepStrictEqual(
            pssBaselinePolicies.map((p) => p.controls),
            BASELINE.map((c) => [`pss-baseline:${c}`]),
        );
    });

    it("implement every restricted control, one policy each", () => {
        assert.deepStrictEqual(
            pssRestrictedPolicies.map((p) => p.controls),
            RESTRICTED.map((c) => [`pss-restricted:${c}`]),
        );
    });

    it("are named <area>-<resource>-<verb>-<subject>, mandatory by default, with a namespaceLevels setting", () => {
        for (const policy of pssPolicies) {
            assert.match(policy.name, POLICY_NAME);
            assert.ok(policy.name.startsWith("pss-pod-"), policy.name);
            assert.strictEqual(policy.enforcementLevel, "mandatory");
            assert.ok(policy.configSchema?.properties["namespaceLevels"], policy.name);
        }
    });

    it("pass the restricted fixture", () => {
        assert.deepStrictEqual(run(restrictedDeployment()), []);
    });

    it("hold an unlisted namespace to restricted", () => {
        const m = hostNetworkRoot(restrictedDeployment());
        m.metadata.namespace = "team-x";
        assert.deepStrictEqual(run(m, { erp: "privileged" }), [
            "pss-baseline:host-namespaces",
            "pss-restricted:running-as-non-root-user",
        ]);
    });

    it("hold a manifest without a namespace (default) to restricted", () => {
        const m = hostNetworkRoot(restrictedDeployment());
        delete m.metadata.namespace;
        assert.deepStrictEqual(run(m), ["pss-baseline:host-namespaces", "pss-restricted:running-as-non-root-user"]);
    });

    it("find an object without a namespace in the namespace of the Kubernetes provider it uses", () => {
        const m = hostNetworkRoot(restrictedDeployment());
        delete m.metadata.namespace;
        const provider = {
            type: "pulumi:providers:kubernetes",
            name: "monitoring-k8s",
            urn: "urn:pulumi:prod::terrace::pulumi:providers:kubernetes::monitoring-k8s",
            props: { namespace: "monitoring" },
        };
        const deployment = { ...manifestResource(m, "fixture#0"), provider: `${provider.urn}::0123` };
        const config = Object.fromEntries(
            pssPolicies.map((p) => [p.name, { namespaceLevels: { monitoring: "privileged" } }]),
        );
        assert.deepStrictEqual(runPolicies([provider, deployment], config, pssPolicies), []);
    });

    it("hold a baseline namespace to baseline controls only", () => {
        assert.deepStrictEqual(run(hostNetworkRoot(restrictedDeployment()), { erp: "baseline" }), [
            "pss-baseline:host-namespaces",
        ]);
    });

    it("hold a privileged namespace to nothing", () => {
        assert.deepStrictEqual(run(hostNetworkRoot(restrictedDeployment()), { erp: "privileged" }), []);
    });

    describe("see the pod of every workload kind", () => {
        const spec = (): Manifest => hostNetworkRoot(restrictedDeployment()).spec.template;
        const kinds: [string, string, (template: Manifest) => Manifest][] = [
            ["v1", "Pod", (t) => ({ metadata: { ...t.metadata, name: "p" }, spec: t.spec })],
            ["v1", "PodTemplate", (t) => ({ metadata: { name: "t" }, template: t })],
            ["v1", "ReplicationController", (t) => ({ metadata: { name: "rc" }, spec: { template: t } })],
            ["apps/v1", "ReplicaSet", (t) => ({ metadata: { name: "rs" }, spec: { template: t } })],
            ["apps/v1", "StatefulSet", (t) => ({ metadata: { name: "ss" }, spec: { template: t } })],
            ["apps/v1", "DaemonSet", (t) => ({ metadata: { name: "ds" }, spec: { template: t } })],
            ["batch/v1", "Job", (t) => ({ metadata: { name: "job" }, spec: { template: t } })],
            [
                "batch/v1",
                "CronJob",
                (t) => ({
                    metadata: { name: "cj" },
                    spec: { schedule: "@daily", jobTemplate: { spec: { template: t } } },
                }),
            ],
        ];
        for (const [apiVersion, kind, wrap] of kinds) {
            it(kind, () => {
                const manifest = { apiVersion, kind, ...wrap(spec()) };
                manifest.metadata = { ...manifest.metadata, namespace: "erp" };
                assert.deepStrictEqual(run(manifest), [
                    "pss-baseline:host-namespaces",
                    "pss-restricted:running-as-non-root-user",
                ]);
            });
        }
    });

    it("ignore kinds without a pod", () => {
        const m = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { hostNetwork: "true" } };
        assert.deepStrictEqual(run(m), []);
    });

    describe("during preview", () => {
        it("do not judge a pod whose namespace is not known yet", () => {
            const m = hostNetworkRoot(restrictedDeployment());
            m.metadata.namespace = UNKNOWN_STRING;
            assert.deepStrictEqual(run(m), []);
        });

        it("treat unknown required values as not yet judged", () => {
            const m = restrictedDeployment();
            podSpec(m).securityContext = {
                runAsNonRoot: UNKNOWN_STRING,
                seccompProfile: { type: UNKNOWN_STRING },
            };
            app(m).securityContext = UNKNOWN_STRING;
            m.spec.template.spec.initContainers[0].securityContext.capabilities.drop = UNKNOWN_STRING;
            assert.deepStrictEqual(run(m), []);
        });

        it("still report what is known next to unknown values", () => {
            const m = restrictedDeployment();
            app(m).securityContext.allowPrivilegeEscalation = UNKNOWN_STRING;
            app(m).securityContext.privileged = true;
            assert.deepStrictEqual(run(m), ["pss-baseline:privileged-containers"]);
        });

        it("accept the plan's [unknown] placeholder like the engine's sentinel", () => {
            const m = restrictedDeployment();
            app(m).securityContext.allowPrivilegeEscalation = "[unknown]";
            assert.deepStrictEqual(run(m), []);
        });
    });
});
