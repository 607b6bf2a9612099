import * as assert from "assert";
import { kubernetesContainerDisallowLatestTag as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-container-disallow-latest-tag";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["terrace:image-pinned"];
const setImage = (image: string) =>
    mutate(stack(), "Deployment", "api", (p) => (p.spec.template.spec.containers[0].image = image));

describe("kubernetes-container-disallow-latest-tag", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports an image without a tag or digest", () => {
        assertFindings(run(policy, setImage("ghcr.io/terrace/api")), [
            [
                'Deployment erp/api: container app image "ghcr.io/terrace/api" has no tag or digest (it would run latest)',
                CONTROLS,
            ],
        ]);
    });

    it("reports the latest tag", () => {
        assertFindings(run(policy, setImage("nginx:latest")), [
            ['Deployment erp/api: container app image "nginx:latest" uses the tag latest', CONTROLS],
        ]);
    });

    it("reports the latest tag of an ephemeral container", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => {
            p.spec.template.spec.ephemeralContainers = [{ name: "debug", image: "busybox:latest" }];
        });
        assertFindings(run(policy, resources), [
            ['Deployment erp/api: ephemeral container debug image "busybox:latest" uses the tag latest', CONTROLS],
        ]);
    });

    it("accepts a digest without a tag", () => {
        assert.deepStrictEqual(run(policy, setImage("ghcr.io/terrace/api@sha256:" + "a".repeat(64))), []);
    });

    it("does not mistake a registry port for a tag", () => {
        assertFindings(run(policy, setImage("registry.local:5000/api")), [
            [
                'Deployment erp/api: container app image "registry.local:5000/api" has no tag or digest (it would run latest)',
                CONTROLS,
            ],
        ]);
    });

    it("leaves an image unknown during preview to pulumi up", () => {
        assert.deepStrictEqual(run(policy, setImage(UNKNOWN_STRING)), []);
    });
});
