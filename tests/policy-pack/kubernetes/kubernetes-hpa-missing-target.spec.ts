import * as assert from "assert";
import { kubernetesHpaMissingTarget as policy } from "../../../policy-pack/policies/kubernetes/kubernetes-hpa-missing-target";
import { assertFindings, mutate, run, stack } from "./fixtures";

const CONTROLS = ["terrace:hpa-target"];

describe("kubernetes-hpa-missing-target", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, stack()), []);
    });

    it("reports an HPA that targets a name the stack does not create", () => {
        const resources = mutate(
            stack(),
            "HorizontalPodAutoscaler",
            "api",
            (p) => (p.spec.scaleTargetRef.name = "apii"),
        );
        assertFindings(run(policy, resources), [
            [
                "HorizontalPodAutoscaler erp/api targets apps/v1 Deployment apii, which the stack does not create in namespace erp",
                CONTROLS,
            ],
        ]);
    });

    it("reports an HPA whose target lives in another namespace", () => {
        const resources = mutate(stack(), "HorizontalPodAutoscaler", "api", (p) => (p.metadata.namespace = "billing"));
        assertFindings(run(policy, resources), [
            [
                "HorizontalPodAutoscaler billing/api targets apps/v1 Deployment api, which the stack does not create in namespace billing",
                CONTROLS,
            ],
        ]);
    });

    it("reports an HPA that targets the wrong kind", () => {
        const resources = mutate(
            stack(),
            "HorizontalPodAutoscaler",
            "api",
            (p) => (p.spec.scaleTargetRef.kind = "StatefulSet"),
        );
        assertFindings(run(policy, resources), [
            [
                "HorizontalPodAutoscaler erp/api targets apps/v1 StatefulSet api, which the stack does not create in namespace erp",
                CONTROLS,
            ],
        ]);
    });

    it("cannot judge while a candidate target is auto-named", () => {
        const resources = mutate(stack(), "Deployment", "api", (p) => delete p.metadata.name);
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
