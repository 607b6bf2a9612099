import * as assert from "assert";
import { pssPodDisallowHostPorts as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-host-ports";
import { app, finding, findings, init, restrictedDeployment } from "./support";

const control = "pss-baseline:host-ports";

describe("pss-pod-disallow-host-ports", () => {
    it("passes container ports without hostPort", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes hostPort 0", () => {
        const m = restrictedDeployment();
        app(m).ports[0].hostPort = 0;
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports a hostPort", () => {
        const m = restrictedDeployment();
        app(m).ports.push({ containerPort: 9090, hostPort: 9090 }, { containerPort: 9091, hostPort: 9091 });
        assert.deepStrictEqual(findings(policy, m), [finding(control, "container api uses hostPort 9090, 9091")]);
    });

    it("reports a hostPort on an init container", () => {
        const m = restrictedDeployment();
        init(m).ports = [{ containerPort: 53, hostPort: 53 }];
        assert.deepStrictEqual(findings(policy, m), [finding(control, "init container migrate uses hostPort 53")]);
    });
});
