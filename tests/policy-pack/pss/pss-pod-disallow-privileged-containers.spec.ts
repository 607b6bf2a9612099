import * as assert from "assert";
import { pssPodDisallowPrivilegedContainers as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-privileged-containers";
import { app, finding, findings, init, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:privileged-containers";

describe("pss-pod-disallow-privileged-containers", () => {
    it("passes unprivileged containers", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes privileged=false", () => {
        const m = restrictedDeployment();
        app(m).securityContext.privileged = false;
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports a privileged container", () => {
        const m = restrictedDeployment();
        app(m).securityContext.privileged = true;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.privileged=true"),
        ]);
    });

    it("reports a privileged init container", () => {
        const m = restrictedDeployment();
        init(m).securityContext.privileged = true;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "init container migrate sets securityContext.privileged=true"),
        ]);
    });

    it("reports a privileged ephemeral container", () => {
        const m = restrictedDeployment();
        podSpec(m).ephemeralContainers = [
            { name: "debug", image: "busybox:1.36", securityContext: { privileged: true } },
        ];
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "ephemeral container debug sets securityContext.privileged=true"),
        ]);
    });
});
