import * as assert from "node:assert/strict";
import { placement } from "../../infra/tiers";
import { METRICS_SERVER_ADDON_NAME, metricsServerConfiguration } from "../../platform/metrics-server";

describe("metrics-server", () => {
    it("is the EKS metrics-server add-on", () => {
        assert.equal(METRICS_SERVER_ADDON_NAME, "metrics-server");
    });

    it("runs on the system tier", () => {
        assert.deepEqual(metricsServerConfiguration("dev").nodeSelector, placement("system").nodeSelector);
    });

    it("runs two replicas behind a PDB in prod, so HPAs keep working through a drain", () => {
        assert.equal(metricsServerConfiguration("prod").replicas, 2);
        assert.deepEqual(metricsServerConfiguration("prod").podDisruptionBudget, { enabled: true, maxUnavailable: 1 });
    });

    it("stays at one replica without a PDB in dev", () => {
        assert.equal(metricsServerConfiguration("dev").replicas, 1);
        assert.equal("podDisruptionBudget" in metricsServerConfiguration("dev"), false);
    });
});
