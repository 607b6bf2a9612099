import * as assert from "assert";
import {
    ALLOWED_SELINUX_TYPES,
    pssPodDisallowCustomSelinux as policy,
} from "../../../policy-pack/policies/pss/pss-pod-disallow-custom-selinux";
import { app, finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:selinux";

describe("pss-pod-disallow-custom-selinux", () => {
    it("passes the container_t type", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    for (const type of ALLOWED_SELINUX_TYPES) {
        it(`allows type "${type}"`, () => {
            const m = restrictedDeployment();
            app(m).securityContext.seLinuxOptions = { type, level: "s0:c123,c456" };
            assert.deepStrictEqual(findings(policy, m), []);
        });
    }

    it("reports a custom type", () => {
        const m = restrictedDeployment();
        app(m).securityContext.seLinuxOptions = { type: "spc_t" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.seLinuxOptions.type=spc_t"),
        ]);
    });

    it("reports a user", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.seLinuxOptions = { user: "system_u" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod sets securityContext.seLinuxOptions.user=system_u"),
        ]);
    });

    it("reports a role", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.seLinuxOptions = { type: "container_t", role: "system_r" };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod sets securityContext.seLinuxOptions.role=system_r"),
        ]);
    });
});
