import * as assert from "assert";
import { pssPodDisallowRootUser as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-root-user";
import { app, finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-restricted:running-as-non-root-user";

describe("pss-pod-disallow-root-user", () => {
    it("passes a non-zero runAsUser", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes an unset runAsUser", () => {
        const m = restrictedDeployment();
        delete podSpec(m).securityContext.runAsUser;
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports runAsUser=0 on the pod", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.runAsUser = 0;
        assert.deepStrictEqual(findings(policy, m), [finding(control, "pod sets securityContext.runAsUser=0")]);
    });

    it("reports runAsUser=0 on a container", () => {
        const m = restrictedDeployment();
        app(m).securityContext.runAsUser = 0;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.runAsUser=0"),
        ]);
    });
});
