import { strict as assert } from "node:assert";
import {
    architectureDiagram,
    architectureGraph,
    mermaidId,
    mermaidText,
    transitiveReduction,
} from "../../../tools/plan-output/diagram";
import { PlanBuilder, sampleStack } from "./fixture";
import { parseMermaid, ParsedMermaid } from "./mermaid";

const nodeWith = (p: ParsedMermaid, text: string) => {
    const found = [...p.nodes.entries()].find(([, n]) => n.label.includes(text));
    assert.ok(found, `a node labelled with ${text}`);
    return { id: found[0], ...found[1] };
};

describe("architecture diagram", () => {
    const { doc } = sampleStack();
    const markdown = architectureDiagram(doc);
    const parsed = parseMermaid(markdown);

    it("is valid Mermaid: quoted labels, safe ids, closed subgraphs, edges between declared nodes", () => {
        assert.ok(parsed.nodes.size > 5);
        assert.ok(parsed.edges.length > 5);
    });

    it("draws the network, the cluster with one subgraph per tier that has something, and the database", () => {
        assert.deepEqual(
            [...parsed.groups.entries()].map(([id, g]) => [id, g.parent]),
            [
                ["sg_network", "root"],
                ["sg_cluster", "root"],
                ["sg_tier_system", "sg_cluster"],
                ["sg_tier_application", "sg_cluster"],
                ["sg_tier_data", "sg_cluster"],
                ["sg_tier_ingress", "sg_cluster"],
                ["sg_database", "root"],
            ],
        );
        assert.equal(nodeWith(parsed, "VPC net").group, "sg_network");
        assert.equal(nodeWith(parsed, "EKS terrace-prod").group, "sg_cluster");
        assert.equal(nodeWith(parsed, "RDS postgres 17").group, "sg_database");
    });

    it("puts each node group, release and workload in the tier its nodeSelector names", () => {
        assert.equal(nodeWith(parsed, "node group nodes-data").group, "sg_tier_data");
        assert.equal(nodeWith(parsed, "helm cert-manager").group, "sg_tier_system");
        assert.equal(nodeWith(parsed, "StatefulSet redis").group, "sg_tier_data");
        assert.equal(nodeWith(parsed, "Job migrate").group, "sg_tier_application");
        assert.equal(nodeWith(parsed, "EKS add-on coredns").group, "sg_tier_system");
    });

    it("places a release on its main tier and names the others", () => {
        const kps = nodeWith(parsed, "helm kube-prometheus-stack");
        assert.equal(kps.group, "sg_tier_system");
        assert.match(kps.label, /also on data/);
        assert.match(markdown, /\| data \|[^\n]*helm kube-prometheus-stack \(partly\)/);
    });

    it("folds repetitive children into their anchor and counts them", () => {
        assert.match(nodeWith(parsed, "VPC net").label, /\+ 3 Subnet, 2 Eip, 2 NatGateway/);
        assert.match(nodeWith(parsed, "helm cert-manager").label, /1 ClusterIssuer, 1 Role/);
        assert.ok(
            ![...parsed.nodes.values()].some((n) => /kubernetes/.test(n.label.split("<br/>").pop() ?? "")),
            "providers are not counted",
        );
    });

    it("draws workloads with the same tier and waits as one node", () => {
        const services = nodeWith(parsed, "2 x Deployment");
        assert.match(services.label, /orders, billing/);
        assert.match(services.label, /\+ 2 Service/);
        assert.equal(services.group, "sg_tier_application");
    });

    it("draws the waits of the graph, through resources it does not draw, without implied arrows", () => {
        const id = (text: string) => nodeWith(parsed, text).id;
        const has = (a: string, b: string) => parsed.edges.some(([x, y]) => x === id(a) && y === id(b));
        assert.ok(has("VPC net", "EKS terrace-prod"), "the cluster waits for the network");
        assert.ok(has("node group nodes-system", "helm cert-manager"));
        assert.ok(has("RDS postgres 17", "Job migrate"), "the migration waits for the database");
        assert.ok(
            has("EKS terrace-prod", "StatefulSet redis"),
            "through the namespace and the provider, which are not drawn",
        );
        assert.ok(!has("VPC net", "node group nodes-system"), "implied by VPC -> cluster -> node group");
        assert.match(markdown, /Not drawn[^\n]*1 Namespace/);
    });

    it("marks the critical path", () => {
        const critical = parsed.classes.get("critical") ?? [];
        for (const text of ["VPC net", "EKS terrace-prod", "helm kube-prometheus-stack"])
            assert.ok(critical.includes(nodeWith(parsed, text).id), text);
        assert.ok(!critical.includes(nodeWith(parsed, "RDS postgres").id));
    });

    it("lists what runs on each tier in a table", () => {
        assert.match(
            markdown,
            /\| application \| the application services \| Deployment orders \(\+1\); Job migrate \|/,
        );
        assert.match(markdown, /\| ingress \|[^\n]*\| nothing yet \|/);
    });

    it("escapes labels and ids that would break Mermaid", () => {
        assert.equal(mermaidText('say "hi" <b> #1'), "say #quot;hi#quot; #lt;b#gt; #35;1");
        assert.equal(mermaidId("release", "cert-manager.v1 end"), "release_cert_manager_v1_end");
        const b = new PlanBuilder();
        b.add("kubernetes:helm.sh/v3:Release", 'odd "name" <x>', { inputs: { chart: "a#b", values: {} } });
        const p = parseMermaid(architectureDiagram(b.doc()));
        assert.equal(p.nodes.size, 1);
        assert.equal(p.groups.get("sg_untiered")?.parent, "sg_cluster", "a release without a nodeSelector has no tier");
    });

    it("keeps reachability when it drops implied edges", () => {
        const kept = transitiveReduction(
            ["a", "b", "c", "d"],
            [
                ["a", "b"],
                ["b", "c"],
                ["a", "c"],
                ["c", "d"],
                ["a", "d"],
            ],
        );
        assert.deepEqual(kept, [
            ["a", "b"],
            ["b", "c"],
            ["c", "d"],
        ]);
        // In a cycle, one edge of a pair goes only if the other path remains.
        assert.equal(
            transitiveReduction(
                ["a", "b"],
                [
                    ["a", "b"],
                    ["b", "a"],
                ],
            ).length,
            2,
        );
    });

    it("draws a Gateway on the tier its load balancer targets, with its listeners", () => {
        const b = new PlanBuilder();
        b.add("kubernetes:gateway.networking.k8s.io/v1:Gateway", "gw", {
            inputs: {
                metadata: { name: "platform", namespace: "gateway" },
                spec: {
                    infrastructure: {
                        annotations: {
                            "service.beta.kubernetes.io/aws-load-balancer-target-node-labels": "workload-type=ingress",
                        },
                    },
                    listeners: [
                        { name: "http", port: 80 },
                        { name: "https", port: 443 },
                    ],
                },
            },
        });
        const p = parseMermaid(architectureDiagram(b.doc()));
        const gw = nodeWith(p, "Gateway gateway/platform");
        assert.equal(gw.group, "sg_tier_ingress");
        assert.match(gw.label, /http:80, https:443/);
    });

    it("does not fold a resource into an anchor when that would invent a wait", () => {
        const b = new PlanBuilder();
        const vpc = b.add("aws:ec2/vpc:Vpc", "vpc");
        const db = b.component("terrace:infra:Database", "database");
        // The database component also makes the security group its clients (the nodes) carry.
        const clients = b.add("aws:ec2/securityGroup:SecurityGroup", "database-clients", { parent: db, deps: [vpc] });
        b.add("aws:rds/instance:Instance", "database", { parent: db, deps: [vpc], inputs: { engine: "postgres" } });
        const cluster = b.add("aws:eks/cluster:Cluster", "eks", { deps: [vpc] });
        b.add("aws:eks/nodeGroup:NodeGroup", "system", {
            deps: [cluster, clients],
            inputs: { labels: { "workload-type": "system" } },
        });
        const g = architectureGraph(b.doc());
        const id = (name: string) => g.nodes.find((n) => n.anchors[0].resource.name === name)!.id;
        assert.ok(!g.edges.some(([a, c]) => a === id("database") && c === id("system")));
        assert.ok(g.edges.some(([a, c]) => a === id("vpc") && c === id("eks")));
        assert.equal(g.shared.get("SecurityGroup"), 1);
    });

    it("does not fold in a resource that waits for what its anchor does not (a ServiceMonitor and its CRDs)", () => {
        const b = new PlanBuilder();
        const monitoring = b.add("kubernetes:helm.sh/v3:Release", "kube-prometheus-stack", { inputs: { values: {} } });
        const service = b.component("terrace:apps:Service", "orders");
        b.add("kubernetes:apps/v1:Deployment", "orders", { parent: service });
        const monitor = b.add("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "orders", {
            parent: service,
            deps: [monitoring],
        });
        const g = architectureGraph(b.doc());
        assert.deepEqual(g.edges, [], "the Deployment does not wait for Prometheus");
        assert.ok(!g.nodes.some((n) => n.members.has(monitor)));
        assert.equal(g.shared.get("ServiceMonitor"), 1);
    });

    it("folds a resource linked only to what one anchor holds into that anchor", () => {
        const b = new PlanBuilder();
        const jobs = b.component("terrace:apps:DatabaseJobs", "jobs");
        b.add("kubernetes:batch/v1:Job", "migrate", { parent: jobs });
        const bucket = b.add("aws:s3/bucket:Bucket", "backups", { parent: jobs });
        const policy = b.add("aws:s3/bucketPolicy:BucketPolicy", "backups-policy", { parent: jobs, deps: [bucket] });
        const backup = b.add("kubernetes:batch/v1:CronJob", "backup", { parent: jobs, deps: [bucket] });
        const g = architectureGraph(b.doc());
        const node = g.nodes.find((n) => n.anchors[0].resource.urn === backup)!;
        assert.ok(node.members.has(bucket), "the bucket goes with the CronJob that uses it");
        assert.ok(node.members.has(policy), "and its policy with the bucket");
        assert.equal(g.shared.size, 0);
    });

    it("does not draw a resource shared by several anchors", () => {
        const g = architectureGraph(doc);
        const drawn = new Set(g.nodes.flatMap((n) => [...n.members]));
        const { urns } = sampleStack();
        assert.ok(!drawn.has(urns.namespace), "the namespace serves every workload");
        assert.ok(!drawn.has(urns.nodeRole), "the node role serves every node group");
        assert.ok(drawn.has(urns.certManagerRole), "the IRSA role belongs to cert-manager");
        assert.equal(g.shared.get("Namespace"), 1);
    });
});
