import * as assert from "assert";
import { awsEksNodegroupEnforceImdsv2 as policy } from "../../../policy-pack/policies/aws/aws-eks-nodegroup-enforce-imdsv2";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import {
    assertFindings,
    awsStack,
    componentCluster,
    launchTemplateWith,
    managedNodeGroup,
    mutate,
    nodeGroup,
    run,
} from "./fixtures";

describe("aws-eks-nodegroup-enforce-imdsv2", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a launch template that allows IMDSv1", () => {
        const resources = launchTemplateWith((p) => (p.metadataOptions.httpTokens = "optional"));
        assertFindings(run(policy, resources), [
            [
                "launch template nodes-system allows IMDSv1 (metadataOptions.httpTokens is optional, not required)",
                ["aws-fsbp:EC2.170"],
            ],
        ]);
    });

    it("reports a hop limit of 2, which lets pods reach the node's credentials", () => {
        const resources = launchTemplateWith((p) => (p.metadataOptions.httpPutResponseHopLimit = 2));
        assertFindings(run(policy, resources), [
            [
                "launch template nodes-system lets pods reach the instance metadata service (httpPutResponseHopLimit is 2, not 1)",
                ["terrace:imds-hop-limit"],
            ],
        ]);
    });

    it("reports a launch template without metadata options", () => {
        const resources = launchTemplateWith((p) => delete p.metadataOptions);
        assertFindings(run(policy, resources), [
            [
                "launch template nodes-system allows IMDSv1 (metadataOptions.httpTokens is not set, not required)",
                ["aws-fsbp:EC2.170"],
            ],
            [
                "launch template nodes-system lets pods reach the instance metadata service (httpPutResponseHopLimit is not set, not 1)",
                ["terrace:imds-hop-limit"],
            ],
        ]);
    });

    it("accepts a launch template that turns the metadata service off", () => {
        const resources = launchTemplateWith((p) => (p.metadataOptions = { httpEndpoint: "disabled" }));
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("reports a node group without a launch template", () => {
        const resources = mutate([nodeGroup()], "NodeGroup", "nodes-system", (p) => delete p.launchTemplate);
        assertFindings(run(policy, resources), [
            [
                "EKS node group nodes-system has no launch template, so nothing requires IMDSv2 with hop limit 1",
                ["aws-fsbp:EC2.8", "terrace:imds-hop-limit"],
            ],
        ]);
    });

    it("reports a pulumi-eks managed node group that relies on enableIMDSv2 (hop limit 2)", () => {
        const resources = mutate([managedNodeGroup()], "ManagedNodeGroup", "nodes-app", (p) => {
            delete p.launchTemplate;
            p.enableIMDSv2 = true;
        });
        assertFindings(run(policy, resources), [
            [
                "EKS managed node group (pulumi-eks) nodes-app relies on enableIMDSv2, whose generated launch template sets hop limit 2; pass a launchTemplate with hop limit 1",
                ["terrace:imds-hop-limit"],
            ],
        ]);
    });

    it("reports pulumi-eks's default node group", () => {
        const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => delete p.skipDefaultNodeGroup);
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod creates pulumi-eks's default node group, which cannot require IMDSv2 with hop limit 1 (set skipDefaultNodeGroup)",
                ["aws-fsbp:EC2.8", "terrace:imds-hop-limit"],
            ],
        ]);
    });

    it("leaves a launch template computed during preview to pulumi up", () => {
        const resources = mutate(
            [nodeGroup()],
            "NodeGroup",
            "nodes-system",
            (p) => (p.launchTemplate = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
