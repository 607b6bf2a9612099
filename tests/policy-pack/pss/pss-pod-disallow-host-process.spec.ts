import * as assert from "assert";
import { pssPodDisallowHostProcess as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-host-process";
import { app, finding, findings, init, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:host-process";

describe("pss-pod-disallow-host-process", () => {
    it("passes a pod without windowsOptions", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes hostProcess=false", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.windowsOptions = { hostProcess: false };
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports hostProcess=true on the pod", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.windowsOptions = { hostProcess: true };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod sets securityContext.windowsOptions.hostProcess=true"),
        ]);
    });

    it("reports hostProcess=true on a container", () => {
        const m = restrictedDeployment();
        app(m).securityContext.windowsOptions = { hostProcess: true };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.windowsOptions.hostProcess=true"),
        ]);
    });

    it("reports hostProcess=true on an init container", () => {
        const m = restrictedDeployment();
        init(m).securityContext.windowsOptions = { hostProcess: true };
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "init container migrate sets securityContext.windowsOptions.hostProcess=true"),
        ]);
    });

    it("reports hostProcess=true on an ephemeral container", () => {
        const m = restrictedDeployment();
        podSpec(m).ephemeralContainers = [
            { name: "debug", image: "busybox:1.36", securityContext: { windowsOptions: { hostProcess: true } } },
        ];
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "ephemeral container debug sets securityContext.windowsOptions.hostProcess=true"),
        ]);
    });
});
