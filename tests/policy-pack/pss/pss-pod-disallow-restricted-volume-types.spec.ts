import * as assert from "assert";
import {
    RESTRICTED_VOLUME_TYPES,
    pssPodDisallowRestrictedVolumeTypes as policy,
} from "../../../policy-pack/policies/pss/pss-pod-disallow-restricted-volume-types";
import { finding, findings, podSpec, restrictedDeployment } from "./support";

const control = "pss-restricted:volume-types";

describe("pss-pod-disallow-restricted-volume-types", () => {
    it("passes emptyDir, configMap and PVC volumes", () => {
        assert.deepStrictEqual(findings(policy, restrictedDeployment()), []);
    });

    it("allows every core volume type", () => {
        const m = restrictedDeployment();
        podSpec(m).volumes = [...RESTRICTED_VOLUME_TYPES].map((type) => ({ name: type.toLowerCase(), [type]: {} }));
        assert.deepStrictEqual(findings(policy, m), []);
    });

    it("reports a hostPath volume", () => {
        const m = restrictedDeployment();
        podSpec(m).volumes.push({ name: "root", hostPath: { path: "/" } });
        assert.deepStrictEqual(findings(policy, m), [finding(control, "volume root uses hostPath")]);
    });

    it("reports an nfs volume", () => {
        const m = restrictedDeployment();
        podSpec(m).volumes.push({ name: "share", nfs: { server: "nfs.local", path: "/" } });
        assert.deepStrictEqual(findings(policy, m), [finding(control, "volume share uses nfs")]);
    });

    it("reports an awsElasticBlockStore volume", () => {
        const m = restrictedDeployment();
        podSpec(m).volumes.push({ name: "disk", awsElasticBlockStore: { volumeID: "vol-1" } });
        assert.deepStrictEqual(findings(policy, m), [finding(control, "volume disk uses awsElasticBlockStore")]);
    });

    it("is not enforced in a baseline namespace", () => {
        const m = restrictedDeployment();
        podSpec(m).volumes.push({ name: "share", nfs: { server: "nfs.local", path: "/" } });
        assert.deepStrictEqual(findings(policy, m, { erp: "baseline" }), []);
    });
});
