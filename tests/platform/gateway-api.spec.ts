import * as assert from "node:assert/strict";
import { GATEWAY_API_VERSION, gatewayApiCrdsUrl } from "../../platform/gateway-api";

describe("Gateway API CRDs", () => {
    it("install the standard channel of the pinned Gateway API release", () => {
        assert.equal(
            gatewayApiCrdsUrl(),
            `https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_VERSION}/standard-install.yaml`,
        );
    });

    it("pin the version Cilium 1.20 implements (v1.6.1)", () => {
        assert.equal(GATEWAY_API_VERSION, "v1.6.1");
    });

    it("refuse a version that is not a release tag", () => {
        assert.throws(() => gatewayApiCrdsUrl("main"), /must look like v1\.6\.1/);
    });
});
