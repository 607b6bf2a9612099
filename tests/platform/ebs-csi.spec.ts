import * as assert from "node:assert/strict";
import { placement } from "../../infra/tiers";
import { EBS_CSI_POLICY_ARN, EBS_CSI_SERVICE_ACCOUNT, ebsCsiConfiguration } from "../../platform/ebs-csi";

type Config = {
    controller: { replicaCount: number; nodeSelector: Record<string, string>; tolerations?: unknown };
    node: { tolerateAllTaints: boolean };
};

describe("EBS CSI driver", () => {
    it("runs its controller on the system tier", () => {
        const config = ebsCsiConfiguration("dev") as Config;
        assert.deepEqual(config.controller.nodeSelector, placement("system").nodeSelector);
    });

    it("runs two controllers in prod and one in dev", () => {
        assert.equal((ebsCsiConfiguration("prod") as Config).controller.replicaCount, 2);
        assert.equal((ebsCsiConfiguration("dev") as Config).controller.replicaCount, 1);
    });

    it("runs its node plugin on every tier, tainted or not, so data-tier volumes attach", () => {
        assert.equal((ebsCsiConfiguration("prod") as Config).node.tolerateAllTaints, true);
    });

    it("uses the AWS managed policy through the add-on's own service account", () => {
        assert.equal(EBS_CSI_POLICY_ARN, "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
        assert.equal(EBS_CSI_SERVICE_ACCOUNT, "ebs-csi-controller-sa");
    });

    it("serialises its configuration as the JSON the add-on API takes", () => {
        assert.deepEqual(JSON.parse(JSON.stringify(ebsCsiConfiguration("prod"))), ebsCsiConfiguration("prod"));
    });
});
