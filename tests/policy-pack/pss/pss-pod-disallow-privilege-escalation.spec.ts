import * as assert from "assert";
import { pssPodDisallowPrivilegeEscalation as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-privilege-escalation";
import { app, finding, findings, init, podSpec, restrictedDeployment } from "./support";

const control = "pss-restricted:privilege-escalation";

describe("pss-pod-disallow-privilege-escalation", () => {
    it("passes allowPrivilegeEscalation=false on every container", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("reports allowPrivilegeEscalation=true", () => {
        const m = restrictedDeployment();
        app(m).securityContext.allowPrivilegeEscalation = true;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api must set securityContext.allowPrivilegeEscalation=false"),
        ]);
    });

    it("reports an unset allowPrivilegeEscalation on an init container", () => {
        const m = restrictedDeployment();
        delete init(m).securityContext.allowPrivilegeEscalation;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "init container migrate must set securityContext.allowPrivilegeEscalation=false"),
        ]);
    });

    it("does not apply to Windows pods", () => {
        const m = restrictedDeployment();
        podSpec(m).os = { name: "windows" };
        delete app(m).securityContext.allowPrivilegeEscalation;
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("is not enforced in a baseline namespace", () => {
        const m = restrictedDeployment();
        delete app(m).securityContext.allowPrivilegeEscalation;
        assert.deepStrictEqual(findings(policy, m, { erp: "baseline" }), []);
    });
});
