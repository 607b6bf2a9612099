import * as assert from "assert";
import {
    kubernetesIngressEnforceTls as policy,
    tlsCovers,
} from "../../../policy-pack/policies/kubernetes/kubernetes-ingress-enforce-tls";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["cis-eks:5.4.5"];

describe("kubernetes-ingress-enforce-tls", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports an Ingress without TLS", () => {
        const resources = mutate(stack(), "Ingress", "legacy", (p) => delete p.spec.tls);
        assertFindings(run(policy, resources), [["Ingress erp/legacy has no TLS (spec.tls is empty)", CONTROLS]]);
    });

    it("reports a host that no TLS entry covers", () => {
        const resources = mutate(stack(), "Ingress", "legacy", (p) => p.spec.rules.push({ host: "admin.example.com" }));
        assertFindings(run(policy, resources), [
            ["Ingress erp/legacy serves host admin.example.com without TLS", CONTROLS],
        ]);
    });

    it("reports a catch-all rule that TLS hosts do not cover", () => {
        const resources = mutate(stack(), "Ingress", "legacy", (p) => p.spec.rules.push({ http: { paths: [] } }));
        assertFindings(run(policy, resources), [
            ["Ingress erp/legacy routes requests for any host, which its TLS hosts do not cover", CONTROLS],
        ]);
    });

    it("accepts a wildcard certificate for one level of subdomain", () => {
        assert.strictEqual(tlsCovers("*.example.com", "erp.example.com"), true);
        assert.strictEqual(tlsCovers("*.example.com", "a.b.example.com"), false);
        assert.strictEqual(tlsCovers("*.example.com", "example.com"), false);
    });
});
