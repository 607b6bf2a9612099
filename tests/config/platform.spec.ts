import * as assert from "node:assert/strict";
import { ConfigError, parseConfig, TerraceConfig } from "../../config";
import { checkPlatformConsistency, defaultClusterIssuer } from "../../config/platform";
import { rawConfigOf, withValue } from "../support/config";

const raw = rawConfigOf("dev");
const parse = (path: string, value: unknown): TerraceConfig => parseConfig(withValue(raw, path, value));
/** parseConfig applies the platform's cross-key rules (checkConsistency calls checkPlatformConsistency). */
const check = (path: string, value: unknown): void => void parse(path, value);

function assertConfigError(fn: () => unknown, key: string): void {
    assert.throws(fn, (err: unknown) => err instanceof ConfigError && err.key === key);
}

describe("terrace:platform", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`accepts the ${stack} stack file`, () => {
            const config = parseConfig(rawConfigOf(stack));
            assert.doesNotThrow(() => checkPlatformConsistency(config.platform, config.environment));
        });
    }

    it("fills in the defaults of unset fields", () => {
        const config = parse("platform", { domain: "example.com", certManager: { email: "ops@example.com" } });
        assert.deepEqual(config.platform.cilium, { egressMasqueradeInterfaces: "ens+", hubbleUi: true });
        assert.deepEqual(config.platform.gateway.hostnames, { app: "app", api: "api" });
        assert.equal(config.platform.gateway.routeNamespaces, undefined);
        assert.equal(config.platform.gateway.internetFacing, true);
        assert.equal(config.platform.certManager.solver, "http01");
    });

    it("requires the domain, naming the key", () => {
        assertConfigError(() => parse("platform.domain", undefined), "terrace:platform.domain");
    });

    it("refuses a domain that is not a lower-case DNS name", () => {
        assertConfigError(() => parse("platform.domain", "Example.COM"), "terrace:platform.domain");
        assertConfigError(() => parse("platform.domain", "https://example.com"), "terrace:platform.domain");
    });

    it("requires a valid ACME e-mail", () => {
        assertConfigError(
            () => parse("platform.certManager.email", "not-an-email"),
            "terrace:platform.certManager.email",
        );
    });

    it("refuses unknown keys", () => {
        assertConfigError(() => parse("platform.gateway.hostname", "app"), "terrace:platform.gateway.hostname");
    });

    it("refuses a host label that is not a DNS label", () => {
        assertConfigError(
            () => parse("platform.gateway.hostnames", { app: "App_1" }),
            "terrace:platform.gateway.hostnames.app",
        );
    });

    it("refuses two names for the same host", () => {
        assertConfigError(
            () => check("platform.gateway.hostnames", { app: "www", api: "www" }),
            "terrace:platform.gateway.hostnames",
        );
    });

    it("requires a hosted zone for the Route 53 solver", () => {
        assertConfigError(
            () => check("platform.certManager.solver", "route53"),
            "terrace:platform.certManager.route53HostedZoneId",
        );
    });

    it("lets the Route 53 solver restrict who reaches the gateway", () => {
        const config = parseConfig(
            withValue(
                withValue(
                    withValue(raw, "platform.certManager.solver", "route53"),
                    "platform.certManager.route53HostedZoneId",
                    "Z0123456789ABC",
                ),
                "platform.gateway.sourceRanges",
                ["203.0.113.0/24"],
            ),
        );
        assert.doesNotThrow(() => checkPlatformConsistency(config.platform, "dev"));
    });

    it("requires the gateway to be open to everyone for HTTP-01 (Let's Encrypt must reach it)", () => {
        assertConfigError(
            () => check("platform.gateway.sourceRanges", ["203.0.113.0/24"]),
            "terrace:platform.gateway.sourceRanges",
        );
        assertConfigError(
            () => check("platform.gateway.internetFacing", false),
            "terrace:platform.gateway.internetFacing",
        );
    });

    it("refuses the Let's Encrypt staging issuer in prod", () => {
        assertConfigError(
            () => parseConfig(withValue(rawConfigOf("prod"), "platform.certManager.issuer", "letsencrypt-staging")),
            "terrace:platform.certManager.issuer",
        );
    });

    it("gives workloads Let's Encrypt prod in prod and staging elsewhere by default", () => {
        const config = parse("platform.certManager.issuer", undefined);
        assert.equal(defaultClusterIssuer(config.platform, "prod"), "letsencrypt-prod");
        assert.equal(defaultClusterIssuer(config.platform, "dev"), "letsencrypt-staging");
    });
});
