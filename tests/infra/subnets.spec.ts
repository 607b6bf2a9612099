import { strict as assert } from "assert";
import { subdivide, subnetPlan } from "../../infra/subnets";

describe("subnet plan", () => {
    it("gives each AZ a /19 private subnet of a /16", () => {
        assert.deepEqual(
            subnetPlan("10.30.0.0/16", 3).map((s) => s.privateCidr),
            ["10.30.0.0/19", "10.30.32.0/19", "10.30.64.0/19"],
        );
    });

    it("cuts small public subnets from the last eighth of the VPC", () => {
        assert.deepEqual(
            subnetPlan("10.30.0.0/16", 3).map((s) => s.publicCidr),
            ["10.30.224.0/22", "10.30.228.0/22", "10.30.232.0/22"],
        );
    });

    it("never overlaps subnets, up to six AZs", () => {
        const all = subnetPlan("10.0.0.0/16", 6).flatMap((s) => [s.privateCidr, s.publicCidr]);
        assert.equal(new Set(all).size, 12);
        assert.ok(!all.some((c) => c.startsWith("10.0.192.")), "block 6 stays free");
    });

    it("aligns a CIDR given with host bits", () => {
        assert.equal(subdivide("10.1.2.3/16", 3, 1), "10.1.32.0/19");
    });

    it("refuses a split that would be too small", () => {
        assert.throws(() => subdivide("10.0.0.0/27", 3, 0), /too small/);
    });
});
