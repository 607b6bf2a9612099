import * as assert from "assert";
import { kubernetesHelmReleaseEnforcePinnedVersion as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-helm-release-enforce-pinned-version";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["terrace:helm-version-pinned"];

describe("kubernetes-helm-release-enforce-pinned-version", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a release without a version", () => {
        const resources = mutate(stack(), "Release", "cert-manager", (p) => delete p.version);
        assertFindings(run(policy, resources), [
            ["Helm release cert-manager (chart cert-manager) has no chart version", CONTROLS],
        ]);
    });

    it("reports a version range", () => {
        const resources = mutate(stack(), "Release", "cert-manager", (p) => (p.version = "^1.19.0"));
        assertFindings(run(policy, resources), [
            [
                'Helm release cert-manager (chart cert-manager) asks for version "^1.19.0", which is not one exact version',
                CONTROLS,
            ],
        ]);
    });

    it("reports a v4 Chart without a version", () => {
        const chart = {
            type: "kubernetes:helm.sh/v4:Chart",
            name: "velero",
            props: { chart: "oci://ghcr.io/org/velero" },
        };
        assertFindings(run(policy, [chart]), [
            ["Helm release velero (chart oci://ghcr.io/org/velero) has no chart version", CONTROLS],
        ]);
    });

    it("does not ask a local chart directory for a version", () => {
        const chart = { type: "kubernetes:helm.sh/v3:Release", name: "local", props: { chart: "./charts/erp" } };
        assert.deepStrictEqual(run(policy, [chart]), []);
    });

    it("leaves a version unknown during preview to pulumi up", () => {
        const resources = mutate(stack(), "Release", "cert-manager", (p) => (p.version = UNKNOWN_STRING));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
