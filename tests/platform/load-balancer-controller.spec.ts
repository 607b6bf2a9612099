import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { placement } from "../../infra/tiers";
import {
    LOAD_BALANCER_CONTROLLER_PIN,
    LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
    loadBalancerControllerPolicyJson,
    loadBalancerControllerValues,
    LoadBalancerControllerValuesInput,
} from "../../platform/load-balancer-controller";
import { chartMetadata, unknownValueKeys } from "../support/chart-values";

type Values = Record<string, any>;

const input = (environment: LoadBalancerControllerValuesInput["environment"]): LoadBalancerControllerValuesInput => ({
    environment,
    clusterName: "terrace-dev",
    region: "eu-west-1",
    vpcId: "vpc-123",
    roleArn: "arn:aws:iam::111122223333:role/lbc",
});
const dev = loadBalancerControllerValues(input("dev")) as Values;
const prod = loadBalancerControllerValues(input("prod")) as Values;

describe("AWS Load Balancer Controller", () => {
    it("pins the vendored chart's version from aws/eks-charts", () => {
        assert.equal(LOAD_BALANCER_CONTROLLER_PIN.chart, chartMetadata("aws-load-balancer-controller").name);
        assert.equal(LOAD_BALANCER_CONTROLLER_PIN.version, chartMetadata("aws-load-balancer-controller").version);
        assert.equal(LOAD_BALANCER_CONTROLLER_PIN.repository, "https://aws.github.io/eks-charts");
    });

    describe("values", () => {
        it("use only keys the chart declares", () => {
            assert.deepEqual(unknownValueKeys("aws-load-balancer-controller", dev), []);
            assert.deepEqual(unknownValueKeys("aws-load-balancer-controller", prod), []);
        });

        it("name the cluster, region and VPC", () => {
            assert.equal(dev.clusterName, "terrace-dev");
            assert.equal(dev.region, "eu-west-1");
            assert.equal(dev.vpcId, "vpc-123");
        });

        it("annotate the service account the IRSA role trusts", () => {
            assert.equal(dev.serviceAccount.name, LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT);
            assert.equal(
                dev.serviceAccount.annotations["eks.amazonaws.com/role-arn"],
                "arn:aws:iam::111122223333:role/lbc",
            );
        });

        it("run on the system tier", () => {
            assert.deepEqual(dev.nodeSelector, placement("system").nodeSelector);
        });

        it("run two replicas spread over zones behind a PDB in prod", () => {
            assert.equal(prod.replicaCount, 2);
            assert.deepEqual(prod.podDisruptionBudget, { maxUnavailable: 1 });
            assert.equal(prod.topologySpreadConstraints[0].topologyKey, "topology.kubernetes.io/zone");
        });

        it("run one replica in dev", () => {
            assert.equal(dev.replicaCount, 1);
            assert.equal("podDisruptionBudget" in dev, false);
        });

        it("leave Services that do not ask for an AWS load balancer alone", () => {
            assert.equal(dev.enableServiceMutatorWebhook, false);
        });
    });

    describe("IAM policy", () => {
        const policy = JSON.parse(loadBalancerControllerPolicyJson()) as {
            Version: string;
            Statement: { Action: string[] | string }[];
        };
        const actions = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));

        it("is an IAM policy document", () => {
            assert.equal(policy.Version, "2012-10-17");
            assert.ok(policy.Statement.length > 0);
        });

        it("covers an NLB's whole life: create, register targets, open security groups, delete", () => {
            for (const action of [
                "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:RegisterTargets",
                "ec2:AuthorizeSecurityGroupIngress",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:DeleteTargetGroup",
                "ec2:DeleteSecurityGroup",
            ]) {
                assert.ok(actions.has(action), action);
            }
        });

        // sha256 of docs/install/iam_policy.json at tag v3.5.0 of kubernetes-sigs/aws-load-balancer-controller (4-space
        // indent, final newline), as several public projects that fetch it from raw.githubusercontent.com record it.
        // The file here is the same document, reformatted, so the check lays it out the upstream way before hashing.
        const UPSTREAM_V3_5_0_SHA256 = "16f232c9d9f79366fe949c4550ad517a202380058a9e48d45a4e215044a20a6a";

        it("is the controller's documented policy of the pinned release (v3.5.0), statement for statement", () => {
            assert.equal(
                LOAD_BALANCER_CONTROLLER_PIN.version,
                "3.5.0",
                "chart bumped: replace the policy with the new release's docs/install/iam_policy.json and its sha256",
            );
            const upstreamLayout = `${JSON.stringify(JSON.parse(loadBalancerControllerPolicyJson()), null, 4)}\n`;
            assert.equal(createHash("sha256").update(upstreamLayout).digest("hex"), UPSTREAM_V3_5_0_SHA256);
        });

        it("fits an inline role policy (10,240 characters without whitespace)", () => {
            assert.ok(loadBalancerControllerPolicyJson().length < 10240);
        });
    });
});
