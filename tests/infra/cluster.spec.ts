import { strict as assert } from "assert";
import {
    adminAccessEntries,
    CLUSTER_ADMIN_POLICY_ARN,
    CONTROL_PLANE_LOG_TYPES,
    endpointAccess,
} from "../../infra/cluster";
import { parseConfig } from "../../config";
import { rawConfigOf, withValue } from "../support/config";
import { planFor, resourceNamed, resourcesOfType } from "../support/plans";

describe("cluster", () => {
    it("makes each configured principal a cluster admin through an access entry", () => {
        const entries = adminAccessEntries(["arn:aws:iam::111122223333:role/A", "arn:aws:iam::111122223333:role/B"]);
        assert.deepEqual(Object.keys(entries), ["admin0", "admin1"]);
        assert.deepEqual(entries.admin1.accessPolicies, {
            clusterAdmin: { policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: "cluster" } },
        });
    });

    it("passes the allow-list only with a public endpoint", () => {
        const pub = parseConfig(rawConfigOf("staging")).cluster;
        assert.deepEqual(endpointAccess(pub), {
            endpointPrivateAccess: true,
            endpointPublicAccess: true,
            publicAccessCidrs: ["203.0.113.0/24", "198.51.100.10/32"],
        });
        const priv = parseConfig(withValue(rawConfigOf("staging"), "cluster.endpoint.publicAccess", false)).cluster;
        assert.deepEqual(endpointAccess(priv), { endpointPrivateAccess: true, endpointPublicAccess: false });
    });

    describe("in the prod plan", () => {
        const cluster = async () => resourceNamed(await planFor("prod"), "eks:index:Cluster", "cluster");

        it("enables all five control-plane log types", async () => {
            assert.deepEqual((await cluster()).inputs.enabledClusterLogTypes, [...CONTROL_PLANE_LOG_TYPES]);
        });

        it("encrypts secrets with a rotating KMS key it depends on", async () => {
            const plan = await planFor("prod");
            const key = resourceNamed(plan, "aws:kms/key:Key", "cluster-secrets");
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.equal(key.options?.protect, true, "the key is protected in prod");
            const c = await cluster();
            assert.match(String(c.inputs.encryptionConfigKeyArn), /^arn:aws:kms:/);
            assert.ok(c.dependencies.includes(key.urn));
        });

        it("uses API authentication with access entries and an OIDC provider for IRSA", async () => {
            const c = await cluster();
            assert.equal(c.inputs.authenticationMode, "API");
            assert.equal(c.inputs.createOidcProvider, true);
            assert.ok(Object.keys(c.inputs.accessEntries as object).length >= 1);
        });

        it("bootstraps no self-managed add-on and no default node group (Cilium replaces aws-node and kube-proxy)", async () => {
            const c = await cluster();
            assert.equal(c.inputs.bootstrapSelfManagedAddons, false);
            assert.equal(c.inputs.skipDefaultNodeGroup, true);
            assert.equal((c.inputs.kubeProxyAddonOptions as { enabled: boolean }).enabled, false);
            assert.equal((c.inputs.corednsAddonOptions as { enabled: boolean }).enabled, false);
            assert.equal(c.inputs.useDefaultVpcCni, true);
        });

        it("places the cluster in the private subnets and restricts the public endpoint", async () => {
            const c = await cluster();
            assert.equal((c.inputs.privateSubnetIds as string[]).length, 3);
            assert.equal(c.inputs.endpointPrivateAccess, true);
            assert.ok(!(c.inputs.publicAccessCidrs as string[]).some((cidr) => cidr.endsWith("/0")));
        });

        it("turns on deletion protection", async () => {
            assert.equal((await cluster()).inputs.deletionProtection, true);
        });

        it("installs CoreDNS as an EKS add-on on the system tier once its nodes exist", async () => {
            const plan = await planFor("prod");
            const addon = resourcesOfType(plan, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "coredns")!;
            const system = resourceNamed(plan, "aws:eks/nodeGroup:NodeGroup", "tiers-system");
            assert.ok(addon.dependencies.includes(system.urn));
            const values = JSON.parse(String(addon.inputs.configurationValues));
            assert.deepEqual(values.nodeSelector, { "workload-type": "system" });
            assert.equal(values.replicaCount, 3);
        });

        it("gives the later layers a Kubernetes provider built from the cluster's kubeconfig", async () => {
            const plan = await planFor("prod");
            const provider = resourcesOfType(plan, "pulumi:providers:kubernetes");
            assert.equal(provider.length, 1);
            assert.equal(provider[0].inputs.kubeconfig, "[secret]");
        });
    });
});
