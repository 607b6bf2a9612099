import * as assert from "assert";
import { pssPodDisallowUnmaskedProcMount as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-unmasked-proc-mount";
import { app, finding, findings, init, restrictedDeployment } from "./support";

const control = "pss-baseline:proc-mount";

describe("pss-pod-disallow-unmasked-proc-mount", () => {
    it("passes procMount Default and unset", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("reports procMount Unmasked", () => {
        const m = restrictedDeployment();
        app(m).securityContext.procMount = "Unmasked";
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.procMount=Unmasked"),
        ]);
    });

    it("reports procMount Unmasked on an init container, even for a user-namespace pod", () => {
        const m = restrictedDeployment();
        m.spec.template.spec.hostUsers = false;
        init(m).securityContext.procMount = "Unmasked";
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "init container migrate sets securityContext.procMount=Unmasked"),
        ]);
    });
});
