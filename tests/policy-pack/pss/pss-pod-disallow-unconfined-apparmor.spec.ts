import * as assert from "assert";
import { pssPodDisallowUnconfinedApparmor as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-unconfined-apparmor";
import { app, finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:apparmor";

describe("pss-pod-disallow-unconfined-apparmor", () => {
    it("passes RuntimeDefault profiles and the runtime/default annotation", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes Localhost profiles and localhost/ annotations", () => {
        const m = restrictedDeployment();
        app(m).securityContext.appArmorProfile = { type: "Localhost", localhostProfile: "k8s-api" };
        m.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"] =
            "localhost/k8s-api";
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("treats an empty annotation as unset", () => {
        const m = restrictedDeployment();
        m.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"] = "";
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports an Unconfined pod profile", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.appArmorProfile = { type: "Unconfined" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod sets securityContext.appArmorProfile.type=Unconfined"),
        ]);
    });

    it("reports an Unconfined container profile", () => {
        const m = restrictedDeployment();
        app(m).securityContext.appArmorProfile = { type: "Unconfined" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.appArmorProfile.type=Unconfined"),
        ]);
    });

    it("reports the unconfined annotation", () => {
        const m = restrictedDeployment();
        m.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"] = "unconfined";
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod annotation container.apparmor.security.beta.kubernetes.io/api=unconfined"),
        ]);
    });

    it("ignores unrelated annotations", () => {
        const m = restrictedDeployment();
        m.spec.template.metadata.annotations["example.com/profile"] = "unconfined";
        assert.deepStrictEqual(findings(policy, m), []);
    });
});
