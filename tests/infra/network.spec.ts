import { strict as assert } from "assert";
import { natGatewayCount, subnetTags } from "../../infra/network";
import { planFor, resourcesOfType } from "../support/plans";

describe("network", () => {
    it("needs one NAT gateway per AZ with perAz and one with single", () => {
        assert.equal(natGatewayCount("perAz", 3), 3);
        assert.equal(natGatewayCount("single", 3), 1);
    });

    it("tags public subnets for internet-facing and private ones for internal load balancers", () => {
        assert.equal(subnetTags("public", "terrace-dev")["kubernetes.io/role/elb"], "1");
        assert.equal(subnetTags("private", "terrace-dev")["kubernetes.io/role/internal-elb"], "1");
        assert.equal(subnetTags("private", "terrace-dev")["kubernetes.io/cluster/terrace-dev"], "shared");
    });

    describe("in the plans", () => {
        it("spans three AZs in prod with a NAT gateway each and flow logs", async () => {
            const prod = await planFor("prod");
            assert.equal(resourcesOfType(prod, "aws:ec2/subnet:Subnet").length, 6);
            assert.equal(resourcesOfType(prod, "aws:ec2/natGateway:NatGateway").length, 3);
            const flowLogs = resourcesOfType(prod, "aws:ec2/flowLog:FlowLog");
            assert.equal(flowLogs.length, 1);
            assert.equal(flowLogs[0].inputs.trafficType, "ALL");
        });

        it("routes each private subnet of prod through the NAT gateway of its own AZ", async () => {
            const prod = await planFor("prod");
            const tables = resourcesOfType(prod, "aws:ec2/routeTable:RouteTable").filter((r) =>
                r.name.includes("private"),
            );
            const nats = tables.map((t) => (t.inputs.routes as { natGatewayId: string }[])[0].natGatewayId);
            assert.equal(new Set(nats).size, 3);
        });

        it("keeps dev to two AZs, one NAT gateway and no flow logs", async () => {
            const dev = await planFor("dev");
            assert.equal(resourcesOfType(dev, "aws:ec2/subnet:Subnet").length, 4);
            assert.equal(resourcesOfType(dev, "aws:ec2/natGateway:NatGateway").length, 1);
            assert.equal(resourcesOfType(dev, "aws:ec2/flowLog:FlowLog").length, 0);
        });

        it("never gives public IPs to instances in any subnet", async () => {
            for (const subnet of resourcesOfType(await planFor("prod"), "aws:ec2/subnet:Subnet")) {
                assert.notEqual(subnet.inputs.mapPublicIpOnLaunch, true, subnet.name);
            }
        });
    });
});
