import * as assert from "assert";
import { awsEc2SecuritygroupDisallowPublicIngress as policy } from "../../../policy-pack/policies/aws/aws-ec2-securitygroup-disallow-public-ingress";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsStack, mutate, nodeGroup, resource, run, securityGroups } from "./fixtures";

describe("aws-ec2-securitygroup-disallow-public-ingress", () => {
    it("passes the compliant stack (80 and 443 open to the internet, the rest to the VPC)", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports an inline rule that opens SSH to the internet", () => {
        const resources = mutate(securityGroups(), "SecurityGroup", "lb", (p) =>
            p.ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        );
        assertFindings(run(policy, resources), [
            ["security group lb admits 0.0.0.0/0 to tcp 22", ["aws-fsbp:EC2.18", "aws-fsbp:EC2.19", "aws-fsbp:EC2.53"]],
        ]);
    });

    it("reports all traffic from ::/0 on a rule resource", () => {
        const resources = mutate(securityGroups(), "SecurityGroupRule", "vpc-https", (p) => {
            p.protocol = "-1";
            p.fromPort = 0;
            p.toPort = 0;
            p.ipv6CidrBlocks = ["::/0"];
        });
        assertFindings(run(policy, resources), [
            [
                "security group rule vpc-https admits ::/0 to all traffic",
                ["aws-fsbp:EC2.18", "aws-fsbp:EC2.19", "aws-fsbp:EC2.54"],
            ],
        ]);
    });

    it("reports UDP to SSH's port without EC2.19, whose Config rule judges TCP only", () => {
        const resources = mutate(securityGroups(), "SecurityGroup", "lb", (p) =>
            p.ingress.push({ protocol: "udp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        );
        assertFindings(run(policy, resources), [
            ["security group lb admits 0.0.0.0/0 to udp 22", ["aws-fsbp:EC2.18", "aws-fsbp:EC2.53"]],
        ]);
    });

    it("reports ICMP from the internet under the pack's id (no FSBP control judges protocols without ports)", () => {
        const resources = mutate(securityGroups(), "SecurityGroup", "lb", (p) =>
            p.ingress.push({ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }),
        );
        assertFindings(run(policy, resources), [
            ["security group lb admits 0.0.0.0/0 to ICMP", ["terrace:public-non-tcp-udp"]],
        ]);
    });

    it("reports a vpc ingress rule on a port the pack config does not allow", () => {
        const resources = mutate(securityGroups(), "SecurityGroupIngressRule", "db-from-nodes", (p) => {
            delete p.referencedSecurityGroupId;
            p.cidrIpv4 = "0.0.0.0/0";
            p.fromPort = 8443;
            p.toPort = 8443;
        });
        assertFindings(run(policy, resources), [
            ["security group rule db-from-nodes admits 0.0.0.0/0 to tcp 8443", ["aws-fsbp:EC2.18"]],
        ]);
        assert.deepStrictEqual(run(policy, resources, { allowedPublicPorts: [80, 443, 8443] }), []);
    });

    it("reports a port range that reaches beyond the allowed ports", () => {
        const resources = mutate(securityGroups(), "SecurityGroup", "lb", (p) => (p.ingress[1].toPort = 443));
        assertFindings(run(policy, resources), [
            ["security group lb admits 0.0.0.0/0 to tcp 80-443", ["aws-fsbp:EC2.18", "aws-fsbp:EC2.19"]],
        ]);
    });

    it("ignores egress rule resources", () => {
        const rule = resource("aws:ec2/securityGroupRule:SecurityGroupRule", "out", {
            type: "egress",
            protocol: "-1",
            fromPort: 0,
            toPort: 0,
            cidrBlocks: ["0.0.0.0/0"],
        });
        assert.deepStrictEqual(run(policy, [rule]), []);
    });

    it("reports node group SSH access without source security groups, which EKS opens to the internet", () => {
        const resources = mutate(
            [nodeGroup()],
            "NodeGroup",
            "nodes-system",
            (p) => (p.remoteAccess = { ec2SshKey: "ops" }),
        );
        assertFindings(run(policy, resources), [
            [
                "EKS node group nodes-system opens SSH (tcp 22) to 0.0.0.0/0 (remoteAccess without sourceSecurityGroupIds)",
                ["aws-fsbp:EC2.18", "aws-fsbp:EC2.19", "aws-fsbp:EC2.53"],
            ],
        ]);
    });

    it("leaves ports unknown during preview to pulumi up", () => {
        const resources = mutate(securityGroups(), "SecurityGroupRule", "vpc-https", (p) => {
            p.cidrBlocks = ["0.0.0.0/0"];
            p.fromPort = UNKNOWN_STRING;
        });
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
