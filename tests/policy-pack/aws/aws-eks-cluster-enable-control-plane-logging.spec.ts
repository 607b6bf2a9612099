import * as assert from "assert";
import { awsEksClusterEnableControlPlaneLogging as policy } from "../../../policy-pack/policies/aws/aws-eks-cluster-enable-control-plane-logging";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsCluster, awsStack, componentCluster, mutate, run } from "./fixtures";

describe("aws-eks-cluster-enable-control-plane-logging", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a missing audit log (CIS 2.1.1 and FSBP EKS.8)", () => {
        const resources = mutate(
            [awsCluster()],
            "Cluster",
            "cluster",
            (p) => (p.enabledClusterLogTypes = ["api", "authenticator", "controllerManager", "scheduler"]),
        );
        assertFindings(run(policy, resources), [
            ["EKS cluster terrace-prod does not log audit to CloudWatch", ["cis-eks:2.1.1", "aws-fsbp:EKS.8"]],
        ]);
    });

    it("reports other missing log types under CIS 2.1.1 only", () => {
        const resources = mutate(
            [componentCluster()],
            "Cluster",
            "cluster",
            (p) => (p.enabledClusterLogTypes = ["api", "audit"]),
        );
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod does not log authenticator, controllerManager, scheduler to CloudWatch",
                ["cis-eks:2.1.1"],
            ],
        ]);
    });

    it("reports a cluster without any logging (the default)", () => {
        const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => delete p.enabledClusterLogTypes);
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod does not log api, audit, authenticator, controllerManager, scheduler to CloudWatch",
                ["cis-eks:2.1.1", "aws-fsbp:EKS.8"],
            ],
        ]);
    });

    it("leaves log types unknown during preview to pulumi up", () => {
        const resources = mutate(
            [awsCluster()],
            "Cluster",
            "cluster",
            (p) => (p.enabledClusterLogTypes = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
