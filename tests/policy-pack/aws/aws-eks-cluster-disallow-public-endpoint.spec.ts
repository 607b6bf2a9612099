import * as assert from "assert";
import { awsEksClusterDisallowPublicEndpoint as policy } from "../../../policy-pack/policies/aws/aws-eks-cluster-disallow-public-endpoint";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsCluster, awsStack, componentCluster, mutate, run } from "./fixtures";

const OPEN = ["cis-eks:5.4.1", "cis-eks:5.4.2", "aws-fsbp:EKS.1"];

describe("aws-eks-cluster-disallow-public-endpoint", () => {
    it("passes the compliant stack (private endpoint, public one restricted to an allow-list)", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    describe("on the aws:eks Cluster of a real run", () => {
        it("reports a public endpoint open to 0.0.0.0/0", () => {
            const resources = mutate(
                [awsCluster()],
                "Cluster",
                "cluster",
                (p) => (p.vpcConfig.publicAccessCidrs = ["0.0.0.0/0"]),
            );
            assertFindings(run(policy, resources), [
                ["EKS cluster terrace-prod has a public endpoint open to 0.0.0.0/0", OPEN],
            ]);
        });

        it("reports a public endpoint without an allow-list, which EKS opens to everyone", () => {
            const resources = mutate([awsCluster()], "Cluster", "cluster", (p) => delete p.vpcConfig.publicAccessCidrs);
            assertFindings(run(policy, resources), [
                [
                    "EKS cluster terrace-prod has a public endpoint without publicAccessCidrs, so EKS opens it to 0.0.0.0/0",
                    OPEN,
                ],
            ]);
        });

        it("reports a cluster without the private endpoint (EKS's default)", () => {
            const resources = mutate(
                [awsCluster()],
                "Cluster",
                "cluster",
                (p) => delete p.vpcConfig.endpointPrivateAccess,
            );
            assertFindings(run(policy, resources), [
                [
                    "EKS cluster terrace-prod has no private endpoint: nodes and operators reach the API over the internet",
                    ["cis-eks:5.4.1", "cis-eks:5.4.2"],
                ],
            ]);
        });
    });

    describe("on the pulumi-eks component of the plan", () => {
        it("reports the default endpoint settings (public to everyone, no private endpoint)", () => {
            const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => {
                delete p.endpointPrivateAccess;
                delete p.endpointPublicAccess;
                delete p.publicAccessCidrs;
            });
            assertFindings(run(policy, resources), [
                [
                    "EKS cluster terrace-prod has no private endpoint: nodes and operators reach the API over the internet",
                    ["cis-eks:5.4.1", "cis-eks:5.4.2"],
                ],
                [
                    "EKS cluster terrace-prod has a public endpoint without publicAccessCidrs, so EKS opens it to 0.0.0.0/0",
                    OPEN,
                ],
            ]);
        });

        it("reports ::/0 in the allow-list", () => {
            const resources = mutate([componentCluster()], "Cluster", "cluster", (p) =>
                p.publicAccessCidrs.push("::/0"),
            );
            assertFindings(run(policy, resources), [
                ["EKS cluster terrace-prod has a public endpoint open to ::/0", OPEN],
            ]);
        });

        it("accepts a private-only endpoint", () => {
            const resources = mutate(
                [componentCluster()],
                "Cluster",
                "cluster",
                (p) => (p.endpointPublicAccess = false),
            );
            assert.deepStrictEqual(run(policy, resources, { allowPublicEndpoint: false }), []);
        });
    });

    it("reports any public endpoint when the pack config allows only private ones", () => {
        assertFindings(run(policy, [componentCluster()], { allowPublicEndpoint: false }), [
            [
                "EKS cluster terrace-prod has a public endpoint, and the pack config allows only private ones",
                ["cis-eks:5.4.2", "aws-fsbp:EKS.1"],
            ],
        ]);
    });

    it("leaves an allow-list unknown during preview to pulumi up", () => {
        const resources = mutate(
            [componentCluster()],
            "Cluster",
            "cluster",
            (p) => (p.publicAccessCidrs = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
