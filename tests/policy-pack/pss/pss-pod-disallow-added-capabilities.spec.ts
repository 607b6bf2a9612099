import * as assert from "assert";
import {
    BASELINE_CAPABILITIES,
    pssPodDisallowAddedCapabilities as policy,
} from "../../../policy-pack/policies/pss/pss-pod-disallow-added-capabilities";
import { app, finding, findings, init, restrictedDeployment } from "./support";

const control = "pss-baseline:capabilities";

describe("pss-pod-disallow-added-capabilities", () => {
    it("passes a container that adds only NET_BIND_SERVICE", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("allows every capability of the runtime's default set", () => {
        const m = restrictedDeployment();
        app(m).securityContext.capabilities.add = [...BASELINE_CAPABILITIES];
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("does not report CHOWN (a restricted-only finding)", () => {
        const m = restrictedDeployment();
        app(m).securityContext.capabilities.add = ["CHOWN"];
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports SYS_ADMIN", () => {
        const m = restrictedDeployment();
        app(m).securityContext.capabilities.add = ["CHOWN", "SYS_ADMIN"];
        assert.deepStrictEqual(findings(policy, m), [finding(control, "container api adds SYS_ADMIN")]);
    });

    it("reports NET_RAW, which is outside the default set", () => {
        const m = restrictedDeployment();
        init(m).securityContext.capabilities.add = ["NET_RAW", "NET_ADMIN"];
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "init container migrate adds NET_RAW, NET_ADMIN"),
        ]);
    });
});
