import * as assert from "assert";
import { kubernetesRouteEnforceTls as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-route-enforce-tls";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["cis-eks:5.4.5"];

describe("kubernetes-route-enforce-tls", () => {
    it("passes the compliant stack (HTTPS route, port-80 redirect)", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a route attached to the plain-HTTP listener", () => {
        const resources = mutate(stack(), "HTTPRoute", "api", (p) => (p.spec.parentRefs[0].sectionName = "http"));
        assertFindings(run(policy, resources), [
            ["HTTPRoute erp/api is served without TLS on listener http (HTTP) of Gateway gateway/public", CONTROLS],
        ]);
    });

    it("reports a route attached to every listener, plain HTTP included", () => {
        const resources = mutate(stack(), "HTTPRoute", "api", (p) => delete p.spec.parentRefs[0].sectionName);
        assertFindings(run(policy, resources), [
            ["HTTPRoute erp/api is served without TLS on listener http (HTTP) of Gateway gateway/public", CONTROLS],
        ]);
    });

    it("reports a port-80 route that serves content instead of redirecting", () => {
        const resources = mutate(stack(), "HTTPRoute", "https-redirect", (p) =>
            p.spec.rules.push({ backendRefs: [{ name: "api", port: 80 }] }),
        );
        assertFindings(run(policy, resources), [
            [
                "HTTPRoute gateway/https-redirect is served without TLS on listener http (HTTP) of Gateway gateway/public",
                CONTROLS,
            ],
        ]);
    });

    it("does not attach a route to a listener that admits only its own namespace", () => {
        const resources = mutate(
            stack(),
            "Gateway",
            "public",
            (p) => (p.spec.listeners[0].allowedRoutes = { namespaces: { from: "Same" } }),
        );
        mutate(resources, "HTTPRoute", "api", (p) => delete p.spec.parentRefs[0].sectionName);
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("reports an HTTPS listener without a certificate", () => {
        const resources = mutate(stack(), "Gateway", "public", (p) => delete p.spec.listeners[1].tls.certificateRefs);
        assertFindings(run(policy, resources), [
            ["listener https of Gateway gateway/public is HTTPS without a certificate", CONTROLS],
        ]);
    });

    it("cannot judge a route whose Gateway the stack does not hold", () => {
        const resources = mutate(
            stack(),
            "HTTPRoute",
            "api",
            (p) => (p.spec.parentRefs = [{ name: "elsewhere", namespace: "other" }]),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("leaves listeners unknown during preview to pulumi up", () => {
        const resources = mutate(stack(), "Gateway", "public", (p) => (p.spec.listeners = UNKNOWN_STRING));
        mutate(resources, "HTTPRoute", "api", (p) => (p.spec.parentRefs[0].sectionName = "http"));
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
