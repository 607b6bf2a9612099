import * as assert from "assert";
import { pssPodEnforceRunAsNonRoot as policy } from "../../../policy-pack/policies/pss/pss-pod-enforce-run-as-non-root";
import { app, finding, findings, init, podSpec, restrictedDeployment } from "./support";

const control = "pss-restricted:running-as-non-root";

describe("pss-pod-enforce-run-as-non-root", () => {
    it("passes runAsNonRoot=true on the pod", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("passes runAsNonRoot=true on every container instead of the pod", () => {
        const m = restrictedDeployment();
        delete podSpec(m).securityContext.runAsNonRoot;
        app(m).securityContext.runAsNonRoot = true;
        init(m).securityContext.runAsNonRoot = true;
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports runAsNonRoot=false on the pod", () => {
        const m = restrictedDeployment();
        podSpec(m).securityContext.runAsNonRoot = false;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "pod sets securityContext.runAsNonRoot=false"),
            finding(
                control,
                "init container migrate must set securityContext.runAsNonRoot=true (or set it on the pod)",
            ),
            finding(control, "container api must set securityContext.runAsNonRoot=true (or set it on the pod)"),
        ]);
    });

    it("reports runAsNonRoot=false on a container even when the pod sets true", () => {
        const m = restrictedDeployment();
        app(m).securityContext.runAsNonRoot = false;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api sets securityContext.runAsNonRoot=false"),
        ]);
    });

    it("reports a container left uncovered when the pod does not set it", () => {
        const m = restrictedDeployment();
        delete podSpec(m).securityContext.runAsNonRoot;
        init(m).securityContext.runAsNonRoot = true;
        assert.deepStrictEqual(findings(policy, m), [
            finding(control, "container api must set securityContext.runAsNonRoot=true (or set it on the pod)"),
        ]);
    });
});
