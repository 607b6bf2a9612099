import * as assert from "assert";
import { pssPodDisallowHostNamespaces as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-host-namespaces";
import { finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:host-namespaces";

describe("pss-pod-disallow-host-namespaces", () => {
    it("passes a pod that shares no host namespace", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes host namespaces explicitly set to false", () => {
        const m = restrictedDeployment();
        Object.assign(podSpec(m), { hostNetwork: false, hostPID: false, hostIPC: false });
        assert.deepStrictEqual(findings(policy, m), []);
    });

    for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
        it(`reports ${field}=true`, () => {
            const m = restrictedDeployment();
            podSpec(m)[field] = true;
            assert.deepStrictEqual(findings(policy, m), [finding(control, `pod sets ${field}=true`)]);
        });
    }

    it("is not enforced in a privileged namespace", () => {
        const m = restrictedDeployment();
        podSpec(m).hostNetwork = true;
        assert.deepStrictEqual(findings(policy, m, { erp: "privileged" }), []);
    });

    it("is enforced in a baseline namespace", () => {
        const m = restrictedDeployment();
        podSpec(m).hostPID = true;
        assert.deepStrictEqual(findings(policy, m, { erp: "baseline" }), [finding(control, "pod sets hostPID=true")]);
    });
});
