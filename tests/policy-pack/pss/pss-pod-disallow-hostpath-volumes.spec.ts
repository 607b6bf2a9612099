import * as assert from "assert";
import { pssPodDisallowHostpathVolumes as policy } from "../../../policy-pack/policies/pss/pss-pod-disallow-hostpath-volumes";
import { finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-baseline:hostpath-volumes";

describe("pss-pod-disallow-hostpath-volumes", () => {
    it("passes emptyDir, configMap and PVC volumes", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("reports a hostPath volume", () => {
        const m = restrictedDeployment();
        podSpec(m).volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } });
        assert.deepStrictEqual(findings(policy, m), [finding(control, "volume docker uses hostPath")]);
    });

    it("leaves other non-core types to the restricted volume-types control", () => {
        const m = restrictedDeployment();
        podSpec(m).volumes.push({ name: "share", nfs: { server: "nfs.local", path: "/" } });
        assert.deepStrictEqual(findings(policy, m), []);
    });
});
