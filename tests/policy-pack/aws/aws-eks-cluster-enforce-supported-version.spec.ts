import * as assert from "assert";
import { awsEksClusterEnforceSupportedVersion as policy } from "../../../policy-pack/policies/aws/aws-eks-cluster-enforce-supported-version";
import { assertFindings, awsCluster, awsStack, componentCluster, mutate, run } from "./fixtures";

const CONTROLS = ["aws-fsbp:EKS.2"];

describe("aws-eks-cluster-enforce-supported-version", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a version older than the configured minimum", () => {
        const resources = mutate([awsCluster()], "Cluster", "cluster", (p) => (p.version = "1.31"));
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod runs Kubernetes 1.31, older than 1.34, the oldest version in EKS standard support",
                CONTROLS,
            ],
        ]);
    });

    it("takes the minimum from the pack config", () => {
        assertFindings(run(policy, [componentCluster()], { minimumVersion: "1.36" }), [
            [
                "EKS cluster terrace-prod runs Kubernetes 1.35, older than 1.36, the oldest version in EKS standard support",
                CONTROLS,
            ],
        ]);
    });

    it("compares minor versions as numbers (1.100 is newer than 1.99)", () => {
        const resources = mutate([awsCluster()], "Cluster", "cluster", (p) => (p.version = "1.100"));
        assert.deepStrictEqual(run(policy, resources, { minimumVersion: "1.99" }), []);
    });

    it("reports a cluster that does not pin a version", () => {
        const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => delete p.version);
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod does not pin a Kubernetes version (EKS picks one, and upgrades change it)",
                CONTROLS,
            ],
        ]);
    });

    it("reports a version that is not a minor version", () => {
        const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => (p.version = "latest"));
        assertFindings(run(policy, resources), [
            [
                'EKS cluster terrace-prod asks for Kubernetes version "latest", which is not a minor version such as 1.35',
                CONTROLS,
            ],
        ]);
    });
});
