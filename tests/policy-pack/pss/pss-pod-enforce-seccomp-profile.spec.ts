import * as assert from "assert";
import { pssPodEnforceSeccompProfile as policy } from "../../../policy-pack/policies/pss/pss-pod-enforce-seccomp-profile";
import { app, finding, findings, init, podSpec, restrictedDeployment } from "./support";

const control = "pss-restricted:seccomp";

describe("pss-pod-enforce-seccomp-profile", () => {
    it("passes RuntimeDefault on the pod", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes a profile on every container instead of the pod", () => {
        const m = restrictedDeployment();
        delete podSpec(m).securityContext.seccompProfile;
        app(m).securityContext.seccompProfile = { type: "RuntimeDefault" };
        init(m).securityContext.seccompProfile = { type: "Localhost", localhostProfile: "migrate.json" };
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports containers without a profile when the pod sets none", () => {
        const m = restrictedDeployment();
        delete podSpec(m).securityContext.seccompProfile;
        init(m).securityContext.seccompProfile = { type: "RuntimeDefault" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(
                control,
                "container api must set securityContext.seccompProfile.type to RuntimeDefault or Localhost (or set it on the pod)",
            ),
        ]);
    });

    it("reports Unconfined on the pod even when every container sets a profile", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.seccompProfile = { type: "Unconfined" };
        app(m).securityContext.seccompProfile = { type: "RuntimeDefault" };
        init(m).securityContext.seccompProfile = { type: "RuntimeDefault" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod sets securityContext.seccompProfile.type=Unconfined"),
        ]);
    });

    it("reports Unconfined on a container", () => {
        const m = restrictedDeployment();
        app(m).securityContext.seccompProfile = { type: "Unconfined" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.seccompProfile.type=Unconfined"),
        ]);
    });

    it("does not apply to Windows pods", () => {
        const m = restrictedDeployment();
        podSpec(m).os = { name: "windows" };
        delete podSpec(m).securityContext.seccompProfile;
        assert.deepStrictEqual(findings(policy, m), []);
    });
});
