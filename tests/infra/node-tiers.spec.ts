import { strict as assert } from "assert";
import { eksTaints, launchTemplateSpec, updateConfig } from "../../infra/node-tiers";
import { TIER_NAMES } from "../../infra/tiers";
import { planFor, resourceNamed, resourcesOfType, StackName } from "../support/plans";

describe("node tiers", () => {
    it("spells taints the way the EKS API does", () => {
        assert.deepEqual(eksTaints([{ key: "k", value: "v", effect: "NoExecute" }]), [
            { key: "k", value: "v", effect: "NO_EXECUTE" },
        ]);
    });

    it("requires IMDSv2 with a hop limit of 1 and encrypts gp3 root volumes", () => {
        const spec = launchTemplateSpec("data", {
            instanceTypes: ["r7i.large"],
            minSize: 1,
            desiredSize: 1,
            maxSize: 2,
            capacityType: "ON_DEMAND",
            diskSizeGiB: 100,
        });
        assert.deepEqual(spec.metadataOptions, {
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "disabled",
        });
        assert.deepEqual(spec.blockDeviceMappings, [
            {
                deviceName: "/dev/xvda",
                ebs: { volumeSize: 100, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
            },
        ]);
    });

    it("replaces a third of the nodes at a time in prod", () => {
        assert.deepEqual(updateConfig("prod"), { maxUnavailablePercentage: 33 });
    });

    for (const stack of ["dev", "staging", "prod"] as StackName[]) {
        describe(`in the ${stack} plan`, () => {
            it("has one managed node group per tier, labelled and tainted from the tier table", async () => {
                const plan = await planFor(stack);
                const groups = resourcesOfType(plan, "aws:eks/nodeGroup:NodeGroup");
                assert.deepEqual(
                    groups.map((g) => (g.inputs.labels as Record<string, string>)["workload-type"]).sort(),
                    [...TIER_NAMES].sort(),
                );
                for (const group of groups) {
                    const tier = (group.inputs.labels as Record<string, string>)["workload-type"];
                    const taints = group.inputs.taints as { key: string; value: string; effect: string }[];
                    assert.ok(
                        taints.some((t) => t.key === "node.cilium.io/agent-not-ready" && t.effect === "NO_EXECUTE"),
                        tier,
                    );
                    const own = taints.find((t) => t.key === "workload-type");
                    if (tier === "system") assert.equal(own, undefined);
                    else assert.deepEqual(own, { key: "workload-type", value: tier, effect: "NO_SCHEDULE" });
                }
            });

            it("uses an IMDSv2-only launch template per tier, in the private subnets", async () => {
                const plan = await planFor(stack);
                for (const tier of TIER_NAMES) {
                    const group = resourceNamed(plan, "aws:eks/nodeGroup:NodeGroup", `tiers-${tier}`);
                    const template = resourceNamed(plan, "aws:ec2/launchTemplate:LaunchTemplate", `tiers-${tier}`);
                    assert.ok(group.dependencies.includes(template.urn));
                    assert.equal((template.inputs.metadataOptions as Record<string, unknown>).httpTokens, "required");
                    assert.equal(
                        (group.inputs.subnetIds as string[]).every((s) => s.includes("private")),
                        true,
                    );
                }
            });
        });
    }

    it("sizes prod larger than dev and keeps prod on on-demand capacity", async () => {
        const [dev, prod] = [await planFor("dev"), await planFor("prod")];
        const size = (plan: typeof dev, tier: string) =>
            (
                resourceNamed(plan, "aws:eks/nodeGroup:NodeGroup", `tiers-${tier}`).inputs.scalingConfig as {
                    minSize: number;
                }
            ).minSize;
        for (const tier of TIER_NAMES) assert.ok(size(prod, tier) >= 2 && size(prod, tier) >= size(dev, tier), tier);
        for (const group of resourcesOfType(prod, "aws:eks/nodeGroup:NodeGroup"))
            assert.equal(group.inputs.capacityType, "ON_DEMAND");
    });
});
