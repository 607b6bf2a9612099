import * as assert from "assert";
import { pssPodDisallowHostProbes as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-host-probes";
import { app, finding, findings, init, restrictedDeployment } from "./support";

const control = "pss-baseline:host-probes";

describe("pss-pod-disallow-host-probes", () => {
    it("passes probes and hooks that target the pod itself", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes an empty host", () => {
        const m = restrictedDeployment();
        app(m).readinessProbe.httpGet.host = "";
        assert.deepStrictEqual(findings(policy, m), []);
    });

    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        for (const handler of ["httpGet", "tcpSocket"]) {
            it(`reports ${probe}.${handler}.host`, () => {
                const m = restrictedDeployment();
                app(m)[probe] = { [handler]: { port: 8080, host: "169.254.169.254" } };
                assert.deepStrictEqual(findings(policy, m), [
                    finding(control, `container api sets ${probe}.${handler}.host=169.254.169.254`),
                ]);
            });
        }
    }

    for (const hook of ["postStart", "preStop"]) {
        for (const handler of ["httpGet", "tcpSocket"]) {
            it(`reports lifecycle.${hook}.${handler}.host`, () => {
                const m = restrictedDeployment();
                init(m).lifecycle = { [hook]: { [handler]: { port: 80, host: "10.0.0.1" } } };
                assert.deepStrictEqual(findings(policy, m), [
                    finding(control, `init container migrate sets lifecycle.${hook}.${handler}.host=10.0.0.1`),
                ]);
            });
        }
    }
});
