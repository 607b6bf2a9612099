import * as assert from "node:assert/strict";
import { RESERVED_NAMESPACES } from "../../config/apps";
import { OPTIONAL_ADDONS } from "../../config/platform/addons";
import {
    namespaceKeys,
    namespaceNames,
    PLATFORM_NAMESPACES,
    podSecurityLabels,
    POD_SECURITY_LABEL_PREFIX,
} from "../../platform/namespaces";

const esm = new Function("s", "return import(s)") as (
    s: string,
) => Promise<Record<string, new (o: unknown) => { validate(): void }>>;

describe("platform namespaces", () => {
    it("use the fixed names the policy pack and the apps layer refer to", () => {
        assert.deepEqual(namespaceNames(namespaceKeys(new Set(OPTIONAL_ADDONS))), {
            gateway: "gateway",
            certManager: "cert-manager",
            argocd: "argocd",
            monitoring: "monitoring",
            velero: "velero",
            kyverno: "kyverno",
        });
    });

    it("exist only for the enabled add-ons; cert-manager's always exists (a core add-on)", () => {
        assert.deepEqual(namespaceKeys(new Set()), ["certManager"]);
        assert.deepEqual(namespaceKeys(new Set(["velero", "gateway"] as const)), ["gateway", "certManager", "velero"]);
    });

    it("are all reserved from the application namespace setting", () => {
        for (const name of Object.values(PLATFORM_NAMESPACES).map((ns) => ns.name))
            assert.ok((RESERVED_NAMESPACES as readonly string[]).includes(name), name);
    });

    it("enforce restricted everywhere except monitoring, which node-exporter needs privileged", () => {
        for (const [key, ns] of Object.entries(PLATFORM_NAMESPACES)) {
            assert.equal(ns.enforce, key === "monitoring" ? "privileged" : "restricted", key);
            assert.equal(ns.reason === "", ns.enforce === "restricted", `${key} explains a level below restricted`);
        }
    });

    it("label the enforced level and audit and warn at restricted", () => {
        const labels = podSecurityLabels("privileged");
        assert.equal(labels[`${POD_SECURITY_LABEL_PREFIX}/enforce`], "privileged");
        assert.equal(labels[`${POD_SECURITY_LABEL_PREFIX}/audit`], "restricted");
        assert.equal(labels[`${POD_SECURITY_LABEL_PREFIX}/warn`], "restricted");
    });

    it("produce valid Namespace objects", async () => {
        const { Namespace } = await esm("kubernetes-models/v1/Namespace");
        for (const ns of Object.values(PLATFORM_NAMESPACES)) {
            new Namespace({
                apiVersion: "v1",
                kind: "Namespace",
                metadata: { name: ns.name, labels: podSecurityLabels(ns.enforce) },
            }).validate();
        }
    });
});
