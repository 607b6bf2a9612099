import * as assert from "assert";
import { pssPodDisallowUnconfinedSeccomp as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-unconfined-seccomp";
import { app, finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:seccomp";

describe("pss-pod-disallow-unconfined-seccomp", () => {
    it("passes RuntimeDefault", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes an unset profile (baseline does not require one)", () => {
        const m = restrictedDeployment();
        delete podSpec(m).securityContext.seccompProfile;
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("passes Localhost", () => {
        const m = restrictedDeployment();
        app(m).securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/api.json" };
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports Unconfined on the pod", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.seccompProfile = { type: "Unconfined" };
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
});
