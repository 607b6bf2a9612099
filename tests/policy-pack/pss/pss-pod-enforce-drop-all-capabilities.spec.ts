import * as assert from "assert";
import { pssPodEnforceDropAllCapabilities as policy } from "../../../policy-pack/policies/pss/pss-pod-enforce-drop-all-capabilities";
import { app, finding, findings, init, podSpec, restrictedDeployment } from "./support";

const control = "pss-restricted:capabilities";

describe("pss-pod-enforce-drop-all-capabilities", () => {
    it("passes drop ALL with NET_BIND_SERVICE added back", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("reports a container that does not drop ALL", () => {
        const m = restrictedDeployment();
        app(m).securityContext.capabilities.drop = ["NET_RAW"];
        assert.deepStrictEqual(findings(policy, m), [finding(control, "container api must drop ALL capabilities")]);
    });

    it("reports a container without capabilities", () => {
        const m = restrictedDeployment();
        delete init(m).securityContext.capabilities;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "init container migrate must drop ALL capabilities"),
        ]);
    });

    it("reports adding CHOWN", () => {
        const m = restrictedDeployment();
        app(m).securityContext.capabilities.add = ["NET_BIND_SERVICE", "CHOWN"];
        assert.deepStrictEqual(findings(policy, m), [finding(control, "container api adds CHOWN")]);
    });

    it("does not apply to Windows pods", () => {
        const m = restrictedDeployment();
        podSpec(m).os = { name: "windows" };
        delete app(m).securityContext.capabilities;
        assert.deepStrictEqual(findings(policy, m), []);
    });
});
