import * as assert from "node:assert/strict";
import { hostnameFor, httpRoute, ROUTES } from "../../apps/routes";
import type { PlatformOutputs } from "../../platform/outputs";
import { hstsResponseHeaderFilter } from "../../platform/gateway";

const gateway: PlatformOutputs["gateway"] = {
    name: "shared",
    namespace: "gateway",
    httpsSectionName: "https",
    httpsRouteFilters: [hstsResponseHeaderFilter(31536000)],
    hostnames: { app: "app.example.com", api: "api.example.com" },
};
const owners = { environment: "prod", team: "erp", costCenter: "cc-1" };

describe("routes", () => {
    const [app, api] = ROUTES.map((r) => httpRoute(r, gateway, "erp", owners));

    it("attach to the HTTPS listener of the platform's Gateway", () => {
        for (const route of [app, api]) {
            assert.deepEqual(route.spec!.parentRefs, [
                {
                    group: "gateway.networking.k8s.io",
                    kind: "Gateway",
                    name: "shared",
                    namespace: "gateway",
                    sectionName: "https",
                },
            ]);
            assert.equal(route.metadata!.namespace, "erp");
        }
    });

    it("serve app.<domain> from the frontend and api.<domain> from the API gateway", () => {
        assert.deepEqual(app.spec!.hostnames, ["app.example.com"]);
        assert.deepEqual(app.spec!.rules![0].backendRefs, [{ group: "", kind: "Service", name: "frontend", port: 80 }]);
        assert.deepEqual(api.spec!.hostnames, ["api.example.com"]);
        assert.deepEqual(api.spec!.rules![0].backendRefs, [
            { group: "", kind: "Service", name: "api-gateway", port: 80 },
        ]);
        assert.deepEqual(api.spec!.rules![0].matches, [{ path: { type: "PathPrefix", value: "/" } }]);
    });

    it("carry the platform's HTTPS response filters (HSTS) on every rule", () => {
        for (const route of [app, api]) {
            assert.deepEqual(route.spec!.rules![0].filters, gateway.httpsRouteFilters);
        }
    });

    it("fail loudly when the platform has no host name for a route", () => {
        assert.throws(
            () => hostnameFor({ ...gateway, hostnames: { app: "app.example.com" } }, "api"),
            /no host name "api" \(it has: app\)/,
        );
    });
});
