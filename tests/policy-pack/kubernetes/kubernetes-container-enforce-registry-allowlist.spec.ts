import * as assert from "assert";
import { kubernetesContainerEnforceRegistryAllowlist as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-container-enforce-registry-allowlist";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["cis-eks:5.1.4"];
const setImage = (image: string) =>
    mutate(stack(), "Deployment", "api", (p) => (p.spec.template.spec.containers[0].image = image));

describe("kubernetes-container-enforce-registry-allowlist", () => {
    it("passes the compliant stack (ECR images are allowed by default)", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports a Docker Hub image, which names no registry, against the default allow-list", () => {
        assertFindings(run(policy, setImage("nginx:1.27")), [
            [
                'Deployment erp/api: container app image "nginx:1.27" comes from docker.io, which is not an allowed registry ' +
                    "(*.dkr.ecr.*.amazonaws.com, public.ecr.aws, registry.k8s.io)",
                CONTROLS,
            ],
        ]);
    });

    it("allows a registry that the pack config adds", () => {
        assert.deepStrictEqual(run(policy, setImage("nginx:1.27"), { allowedRegistries: ["docker.io"] }), []);
    });

    it("restricts an entry with a repository prefix to that prefix", () => {
        const settings = { allowedRegistries: ["ghcr.io/terrace"] };
        assert.deepStrictEqual(run(policy, setImage("ghcr.io/terrace/api:1.0.0"), settings), []);
        assertFindings(run(policy, setImage("ghcr.io/terrace-evil/api:1.0.0"), settings), [
            [
                'Deployment erp/api: container app image "ghcr.io/terrace-evil/api:1.0.0" comes from ghcr.io, which is not an allowed registry (ghcr.io/terrace)',
                CONTROLS,
            ],
        ]);
    });

    it("checks init containers too", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => {
            p.spec.template.spec.initContainers = [{ name: "migrate", image: "quay.io/org/migrate:2.0.0" }];
        });
        assertFindings(run(policy, resources, { allowedRegistries: ["*.dkr.ecr.*.amazonaws.com"] }), [
            [
                'Deployment erp/api: init container migrate image "quay.io/org/migrate:2.0.0" comes from quay.io, which is not an allowed registry (*.dkr.ecr.*.amazonaws.com)',
                CONTROLS,
            ],
        ]);
    });
});
