import { strict as assert } from "node:assert";
import { creationMinutes, CREATION_TIMES, HELM_CHART_MINUTES } from "../../../tools/plan-output/creation-times";
import { criticalPath, formatCriticalPath } from "../../../tools/plan-output/critical-path";
import { PlanBuilder, sampleStack } from "./fixture";

const minutesOf = (type: string, inputs: Record<string, unknown> = {}) => creationMinutes({ type, inputs }).minutes;
const close = (actual: number, expected: number) =>
    assert.ok(Math.abs(actual - expected) < 0.011, `${actual} != ${expected}`);

describe("critical path of pulumi up", () => {
    it("follows the longest chain of waits, not the chain with the most resources", () => {
        const b = new PlanBuilder();
        const vpc = b.add("aws:ec2/vpc:Vpc", "vpc");
        const subnet = b.add("aws:ec2/subnet:Subnet", "subnet", { deps: [vpc] });
        // Many quick resources in a row...
        let previous = subnet;
        for (let i = 0; i < 5; i++) previous = b.add("aws:ec2/routeTable:RouteTable", `rt-${i}`, { deps: [previous] });
        // ...against one slow database.
        const db = b.add("aws:rds/instance:Instance", "db", { deps: [subnet], inputs: { multiAz: true } });
        const result = criticalPath(b.doc());
        assert.deepEqual(
            result.path.map((s) => s.urn),
            [vpc, subnet, db],
        );
        close(
            result.minutes,
            minutesOf("aws:ec2/vpc:Vpc") +
                minutesOf("aws:ec2/subnet:Subnet") +
                minutesOf("aws:rds/instance:Instance", { multiAz: true }),
        );
    });

    it("gives each step its start and finish after the step it waits for", () => {
        const { doc } = sampleStack();
        const { path } = criticalPath(doc);
        assert.equal(path[0].start, 0);
        for (let i = 1; i < path.length; i++) {
            close(path[i].start, path[i - 1].finish);
            close(path[i].finish, path[i].start + path[i].minutes);
        }
    });

    it("puts the control plane, a node group and the slowest release on the path of the sample stack", () => {
        const { doc, urns } = sampleStack();
        const result = criticalPath(doc);
        const onPath = result.path.map((s) => s.urn);
        assert.ok(onPath.includes(urns.cluster), "the EKS cluster");
        assert.equal(onPath[onPath.length - 1], urns.monitoring, "kube-prometheus-stack is the slowest release");
        assert.ok(onPath.includes(urns.nodeGroups.system) || onPath.includes(urns.nodeGroups.data));
        assert.ok(!onPath.includes(urns.dbInstance), "RDS runs beside the cluster, off the path");
    });

    it("waits for every child of a component that a dependency names, and says so", () => {
        const b = new PlanBuilder();
        const net = b.component("terrace:infra:Network", "net");
        const vpc = b.add("aws:ec2/vpc:Vpc", "vpc", { parent: net });
        const nat = b.add("aws:ec2/natGateway:NatGateway", "nat", { parent: net, deps: [vpc] });
        const cluster = b.add("aws:eks/cluster:Cluster", "eks", { deps: [net] });
        const result = criticalPath(b.doc());
        assert.deepEqual(
            result.path.map((s) => s.urn),
            [vpc, nat, cluster],
        );
        assert.equal(result.path[2].waitsBecause, "component");
        assert.equal(result.path[2].via, net);
        assert.match(formatCriticalPath(result), /waits through component net/);
    });

    it("waits for the provider a resource names", () => {
        const b = new PlanBuilder();
        const cluster = b.add("aws:eks/cluster:Cluster", "eks");
        const provider = b.add("pulumi:providers:kubernetes", "k8s", { deps: [cluster] });
        const deployment = b.add("kubernetes:apps/v1:Deployment", "app", { provider });
        const result = criticalPath(b.doc());
        assert.deepEqual(
            result.path.map((s) => s.urn),
            [cluster, provider, deployment],
        );
        assert.equal(result.path[2].waitsBecause, "provider");
    });

    it("lets pods wait for the nodes of their tier, though Pulumi does not wait for them", () => {
        const b = new PlanBuilder();
        const cluster = b.add("aws:eks/cluster:Cluster", "eks");
        const data = b.add("aws:eks/nodeGroup:NodeGroup", "data", {
            deps: [cluster],
            inputs: { labels: { "workload-type": "data" } },
        });
        b.add("aws:eks/nodeGroup:NodeGroup", "system", {
            deps: [cluster],
            inputs: { labels: { "workload-type": "system" } },
        });
        const redis = b.add("kubernetes:apps/v1:StatefulSet", "redis", {
            deps: [cluster],
            inputs: { spec: { template: { spec: { nodeSelector: { "workload-type": "data" } } } } },
        });
        const result = criticalPath(b.doc());
        assert.deepEqual(
            result.path.map((s) => s.urn),
            [cluster, data, redis],
        );
        assert.equal(result.path[2].waitsBecause, "placement");
        assert.match(formatCriticalPath(result), /its pods need these nodes/);
    });

    it("counts a remote component as one resource with its own time", () => {
        const b = new PlanBuilder();
        const cluster = b.add("eks:index:Cluster", "eks", { custom: false });
        const result = criticalPath(b.doc());
        assert.equal(result.resourceCount, 1);
        close(result.minutes, CREATION_TIMES["eks:index:Cluster"].minutes);
        assert.equal(result.path[0].urn, cluster);
    });

    it("adds every resource's time for the one-at-a-time total", () => {
        const { doc } = sampleStack();
        const result = criticalPath(doc);
        const scheduled = doc.resources.filter((r) => r.custom || r.type === "eks:index:Cluster");
        const sum = scheduled.reduce((acc, r) => acc + creationMinutes(r).minutes, 0);
        close(result.sumMinutes, sum);
        assert.equal(result.resourceCount, scheduled.length);
        assert.ok(result.sumMinutes > result.minutes);
    });

    it("times a release by its chart, and a release that does not wait as quick", () => {
        assert.equal(
            minutesOf("kubernetes:helm.sh/v3:Release", { chart: "kube-prometheus-stack" }),
            HELM_CHART_MINUTES["kube-prometheus-stack"],
        );
        assert.ok(
            minutesOf("kubernetes:helm.sh/v3:Release", { chart: "cilium", skipAwait: true }) <
                HELM_CHART_MINUTES.cilium,
        );
    });

    it("reports resource types without a creation time", () => {
        const b = new PlanBuilder();
        b.add("aws:route53/record:Record", "dns");
        assert.deepEqual(criticalPath(b.doc()).unknownTypes, ["aws:route53/record:Record"]);
        assert.match(formatCriticalPath(criticalPath(b.doc())), /No creation time for aws:route53\/record:Record/);
    });

    it("survives a cycle and reports the wait it ignored", () => {
        const b = new PlanBuilder();
        const aUrn = "urn:pulumi:test::terrace::aws:s3/bucket:Bucket::a";
        const bUrn = b.add("aws:s3/bucket:Bucket", "b", { deps: [aUrn] });
        b.add("aws:s3/bucket:Bucket", "a", { deps: [bUrn] });
        const result = criticalPath(b.doc());
        assert.equal(result.ignoredWaits.length, 1);
        assert.equal(result.path.length, 2);
    });

    it("prints the total, the one-at-a-time sum and one line per step", () => {
        const { doc } = sampleStack();
        const result = criticalPath(doc);
        const text = formatCriticalPath(result);
        const lines = text.split("\n");
        assert.match(lines[0], new RegExp(`${result.minutes.toFixed(1)} min over ${result.path.length} resources`));
        assert.match(
            lines[0],
            new RegExp(`${result.sumMinutes.toFixed(1)} min if the ${result.resourceCount} resources`),
        );
        for (const step of result.path)
            assert.ok(
                lines.some((l) => l.includes(step.type) && l.includes(step.name)),
                step.name,
            );
    });

    it("is empty for a plan without resources", () => {
        const result = criticalPath(new PlanBuilder().doc());
        assert.equal(result.minutes, 0);
        assert.deepEqual(result.path, []);
    });
});
