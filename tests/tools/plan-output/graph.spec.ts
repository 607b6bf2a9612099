import { strict as assert } from "node:assert";
import { expandDependency, waitGraph } from "../../../tools/plan-output/graph";
import { providerUrn, ResourceIndex } from "../../../tools/plan-output/plan-document";
import { PlanBuilder } from "./fixture";

describe("wait graph", () => {
    it("expands a component to the custom resources reachable through component children only", () => {
        const b = new PlanBuilder();
        const outer = b.component("terrace:platform:Platform", "platform");
        const inner = b.component("terrace:platform:CertManager", "cm", outer);
        const role = b.add("aws:iam/role:Role", "role", { parent: inner });
        b.add("aws:iam/rolePolicy:RolePolicy", "role-inline", { parent: role });
        const bucket = b.add("aws:s3/bucket:Bucket", "bucket", { parent: outer });
        const index = new ResourceIndex(b.doc().resources);
        assert.deepEqual(expandDependency(index, outer).sort(), [bucket, role].sort());
    });

    it("keeps a remote component as itself and adds its local children", () => {
        const b = new PlanBuilder();
        const eks = b.component("terrace:infra:Cluster", "eks");
        const cluster = b.add("eks:index:Cluster", "eks", { parent: eks, custom: false });
        const provider = b.add("pulumi:providers:kubernetes", "k8s", { parent: cluster, deps: [cluster] });
        const index = new ResourceIndex(b.doc().resources);
        assert.ok(index.isOpaque(index.byUrn.get(cluster)!));
        assert.deepEqual(expandDependency(index, eks), [cluster, provider]);
    });

    it("records why each resource waits: dependency, component, provider, parent", () => {
        const b = new PlanBuilder();
        const net = b.component("terrace:infra:Network", "net");
        const vpc = b.add("aws:ec2/vpc:Vpc", "vpc", { parent: net });
        const cluster = b.add("aws:eks/cluster:Cluster", "eks", { deps: [net] });
        const provider = b.add("pulumi:providers:kubernetes", "k8s", { deps: [cluster] });
        const release = b.add("kubernetes:helm.sh/v3:Release", "cm", { provider, deps: [cluster] });
        const role = b.add("aws:iam/role:Role", "role", { parent: release });
        const graph = waitGraph(b.doc());
        assert.deepEqual(graph.waits.get(cluster), [{ urn: vpc, reason: "component", via: net }]);
        assert.deepEqual(graph.waits.get(release), [
            { urn: cluster, reason: "dependency" },
            { urn: provider, reason: "provider" },
        ]);
        assert.deepEqual(graph.waits.get(role), [{ urn: release, reason: "parent" }]);
    });

    it("reads the provider as the harness records it (its URN) or as the engine does (<urn>::<id>)", () => {
        const b = new PlanBuilder();
        const provider = b.add("pulumi:providers:kubernetes", "k8s");
        const asUrn = b.add("kubernetes:core/v1:Namespace", "a");
        const withId = b.add("kubernetes:core/v1:Namespace", "b", { provider });
        const doc = b.doc();
        const resources = doc.resources.map((r) => (r.urn === asUrn ? { ...r, provider } : r));
        const graph = waitGraph({ resources });
        assert.deepEqual(graph.waits.get(asUrn), [{ urn: provider, reason: "provider" }]);
        assert.deepEqual(graph.waits.get(withId), [{ urn: provider, reason: "provider" }]);
        assert.equal(providerUrn(`${provider}::abc`), provider);
        assert.equal(providerUrn("not-a-urn"), undefined);
    });

    it("does not wait for a local component parent, nor for the stack", () => {
        const b = new PlanBuilder();
        const net = b.component("terrace:infra:Network", "net");
        const vpc = b.add("aws:ec2/vpc:Vpc", "vpc", { parent: net, deps: [b.stackUrn] });
        assert.deepEqual(waitGraph(b.doc()).waits.get(vpc), []);
    });

    it("lists each awaited resource once, even when named twice", () => {
        const b = new PlanBuilder();
        const net = b.component("terrace:infra:Network", "net");
        const vpc = b.add("aws:ec2/vpc:Vpc", "vpc", { parent: net });
        const subnet = b.add("aws:ec2/subnet:Subnet", "subnet", { parent: net, deps: [vpc] });
        const user = b.add("aws:s3/bucket:Bucket", "user", { deps: [vpc, net, vpc], parent: subnet });
        assert.deepEqual(
            waitGraph(b.doc())
                .waits.get(user)!
                .map((w) => w.urn),
            [vpc, subnet],
        );
    });
});
