import * as assert from "assert";
import { awsEksNodegroupDisallowPublicIp as policy } from "../../../policy-pack/policies/aws/aws-eks-nodegroup-disallow-public-ip";
import { assertFindings, awsStack, componentCluster, launchTemplateWith, mutate, run } from "./fixtures";

describe("aws-eks-nodegroup-disallow-public-ip", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a launch template that assigns public IPs", () => {
        const resources = launchTemplateWith((p) => (p.networkInterfaces = [{ associatePublicIpAddress: "true" }]));
        assertFindings(run(policy, resources), [
            ["launch template nodes-system gives instances a public IP address", ["aws-fsbp:EC2.25", "cis-eks:5.4.3"]],
        ]);
    });

    it("reports pulumi-eks's default node group with public IPs", () => {
        const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => {
            delete p.skipDefaultNodeGroup;
            p.nodeAssociatePublicIpAddress = true;
        });
        assertFindings(run(policy, resources), [
            ["EKS cluster terrace-prod's default node group gives nodes public IP addresses", ["cis-eks:5.4.3"]],
        ]);
    });
});
