import * as assert from "assert";
import { awsEksNodegroupEnableVolumeEncryption as policy } from "../../../policy-pack/policies/aws/aws-eks-nodegroup-enable-volume-encryption";
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

const CONTROLS = ["aws-fsbp:EC2.3"];

describe("aws-eks-nodegroup-enable-volume-encryption", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a volume the template declares unencrypted, which also fails the template control", () => {
        const resources = launchTemplateWith((p) => (p.blockDeviceMappings[0].ebs.encrypted = "false"));
        assertFindings(run(policy, resources), [
            [
                "launch template nodes-system does not encrypt volume /dev/xvda (ebs.encrypted is not true)",
                ["aws-fsbp:EC2.3", "aws-fsbp:EC2.181"],
            ],
        ]);
    });

    it("reports a volume that leaves encrypted unset", () => {
        const resources = launchTemplateWith((p) => delete p.blockDeviceMappings[0].ebs.encrypted);
        assertFindings(run(policy, resources), [
            ["launch template nodes-system does not encrypt volume /dev/xvda (ebs.encrypted is not true)", CONTROLS],
        ]);
    });

    it("accepts the boolean spelling of encrypted", () => {
        const resources = launchTemplateWith((p) => (p.blockDeviceMappings[0].ebs.encrypted = true));
        assert.deepStrictEqual(run(policy, resources), []);
    });

    it("reports a launch template that maps no EBS volume", () => {
        const resources = launchTemplateWith((p) => delete p.blockDeviceMappings);
        assertFindings(run(policy, resources), [
            [
                "launch template nodes-system maps no encrypted EBS volume, so instances use the AMI's unencrypted root snapshot",
                CONTROLS,
            ],
        ]);
    });

    it("reports a node group without a launch template", () => {
        const resources = mutate([nodeGroup()], "NodeGroup", "nodes-system", (p) => delete p.launchTemplate);
        assertFindings(run(policy, resources), [
            [
                "EKS node group nodes-system has no launch template, so its volumes are encrypted only if the account encrypts EBS by default",
                CONTROLS,
            ],
        ]);
    });

    it("reports a pulumi-eks managed node group without a launch template", () => {
        const resources = mutate([managedNodeGroup()], "ManagedNodeGroup", "nodes-app", (p) => delete p.launchTemplate);
        assertFindings(run(policy, resources), [
            [
                "EKS managed node group (pulumi-eks) nodes-app has no launch template, so its volumes are encrypted only if the account encrypts EBS by default",
                CONTROLS,
            ],
        ]);
    });

    it("reports pulumi-eks's default node group with an unencrypted root volume", () => {
        const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => delete p.skipDefaultNodeGroup);
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod's default node group does not encrypt its root volume (nodeRootVolumeEncrypted)",
                CONTROLS,
            ],
        ]);
        const encrypted = mutate([componentCluster()], "Cluster", "cluster", (p) => {
            delete p.skipDefaultNodeGroup;
            p.nodeRootVolumeEncrypted = true;
        });
        assert.deepStrictEqual(run(policy, encrypted), []);
    });
});
