import * as assert from "assert";
import { parseImage, registryAllowed } from "../../../policy-pack/policies/kubernetes/images";

describe("image references", () => {
    it("reads a short Docker Hub name as docker.io/library", () => {
        assert.deepStrictEqual(parseImage("nginx:1.27"), {
            registry: "docker.io",
            repository: "library/nginx",
            tag: "1.27",
        });
    });

    it("reads an organisation on Docker Hub without library/", () => {
        assert.deepStrictEqual(parseImage("bitnami/redis"), { registry: "docker.io", repository: "bitnami/redis" });
    });

    it("reads a registry with a port, a tag and a digest", () => {
        assert.deepStrictEqual(parseImage("registry.local:5000/team/app:2.0@sha256:abc"), {
            registry: "registry.local:5000",
            repository: "team/app",
            tag: "2.0",
            digest: "sha256:abc",
        });
    });

    it("treats localhost as a registry", () => {
        assert.strictEqual(parseImage("localhost/app:1").registry, "localhost");
    });

    it("matches one DNS label per * in an allowed host", () => {
        const ecr = ["*.dkr.ecr.*.amazonaws.com"];
        assert.strictEqual(
            registryAllowed(parseImage("111122223333.dkr.ecr.eu-west-1.amazonaws.com/erp/api:1"), ecr),
            true,
        );
        assert.strictEqual(
            registryAllowed(parseImage("evil.example/111122223333.dkr.ecr.eu-west-1.amazonaws.com/x:1"), ecr),
            false,
        );
        assert.strictEqual(registryAllowed(parseImage("a.b.dkr.ecr.eu-west-1.amazonaws.com/x:1"), ecr), false);
    });

    it("matches a repository prefix on path boundaries only", () => {
        assert.strictEqual(registryAllowed(parseImage("ghcr.io/org/app:1"), ["ghcr.io/org"]), true);
        assert.strictEqual(registryAllowed(parseImage("ghcr.io/organisation/app:1"), ["ghcr.io/org"]), false);
        assert.strictEqual(registryAllowed(parseImage("nginx:1"), ["docker.io/library"]), true);
    });
});
