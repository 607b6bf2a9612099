import { strict as assert } from "assert";
import { coreDnsConfiguration } from "../../infra/coredns";

describe("CoreDNS add-on", () => {
    it("runs on the system tier with a disruption budget", () => {
        const values = coreDnsConfiguration("dev");
        assert.deepEqual(values.nodeSelector, { "workload-type": "system" });
        assert.deepEqual(values.tolerations, []);
        assert.deepEqual(values.podDisruptionBudget, { enabled: true, maxUnavailable: 1 });
    });

    it("runs three replicas spread over zones in prod, two elsewhere", () => {
        assert.equal(coreDnsConfiguration("prod").replicaCount, 3);
        assert.equal(coreDnsConfiguration("staging").replicaCount, 2);
        const [spread] = coreDnsConfiguration("prod").topologySpreadConstraints as { topologyKey: string }[];
        assert.equal(spread.topologyKey, "topology.kubernetes.io/zone");
    });
});
