import * as assert from "assert";
import {
    SAFE_SYSCTLS,
    pssPodDisallowUnsafeSysctls as policy,
} from "../../../policy-pack/policies/pss/pss-pod-disallow-unsafe-sysctls";
import { finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:sysctls";

describe("pss-pod-disallow-unsafe-sysctls", () => {
    it("passes a safe sysctl", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("allows every sysctl of the safe set", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.sysctls = [...SAFE_SYSCTLS].map((name) => ({ name, value: "1" }));
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports sysctls outside the safe set", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.sysctls.push(
            { name: "kernel.msgmax", value: "65536" },
            { name: "net.core.somaxconn", value: "1024" },
        );
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod sets unsafe sysctls kernel.msgmax, net.core.somaxconn"),
        ]);
    });
});
