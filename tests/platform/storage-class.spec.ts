import * as assert from "node:assert/strict";
import { EBS_CSI_PROVISIONER } from "../../platform/ebs-csi";
import { DEFAULT_CLASS_ANNOTATION, DEFAULT_STORAGE_CLASS, storageClassSpec } from "../../platform/storage-class";

const esm = new Function("s", "return import(s)") as (
    s: string,
) => Promise<Record<string, new (o: unknown) => { validate(): void }>>;

type Values = Record<string, any>;

describe("default StorageClass", () => {
    // The spec is built from plain values; read it as plain JSON.
    const dev = storageClassSpec("dev") as Values;
    const prod = storageClassSpec("prod") as Values;

    it("is the cluster default, named gp3", () => {
        assert.equal(dev.metadata.name, DEFAULT_STORAGE_CLASS);
        assert.equal(dev.metadata.annotations[DEFAULT_CLASS_ANNOTATION], "true");
    });

    it("provisions encrypted gp3 volumes through the EBS CSI driver", () => {
        assert.equal(dev.provisioner, EBS_CSI_PROVISIONER);
        assert.equal(dev.parameters.type, "gp3");
        assert.equal(dev.parameters.encrypted, "true");
    });

    it("binds when a pod is scheduled, so the volume is created in that pod's zone", () => {
        assert.equal(dev.volumeBindingMode, "WaitForFirstConsumer");
    });

    it("allows volumes to grow", () => {
        assert.equal(dev.allowVolumeExpansion, true);
    });

    it("keeps volumes after their claim is deleted in prod only", () => {
        assert.equal(prod.reclaimPolicy, "Retain");
        assert.equal(dev.reclaimPolicy, "Delete");
        assert.equal(storageClassSpec("staging").reclaimPolicy, "Delete");
    });

    it("is a valid StorageClass object", async () => {
        const { StorageClass } = await esm("kubernetes-models/storage.k8s.io/v1/StorageClass");
        for (const spec of [dev, prod])
            new StorageClass({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", ...spec }).validate();
    });
});
