import { finding, TerraceStackPolicy } from "../../lib/policy";
import { isUnknown, record, text } from "../../lib/values";
import { apiGroup, kubeObjects, label } from "./objects";

const CONTROL = "terrace:hpa-target";

/**
 * An autoscaler whose scaleTargetRef names nothing the stack creates scales nothing, silently: usually a typo or
 * a workload renamed without its HPA. The target must be an object of the referenced group and kind, with that
 * name, in the HPA's namespace.
 */
export const kubernetesHpaMissingTarget: TerraceStackPolicy = {
    name: "kubernetes-hpa-missing-target",
    description: "Every HorizontalPodAutoscaler targets a workload that the stack creates.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "availability"],
    controls: [CONTROL],
    remediationSteps: "Point scaleTargetRef (apiVersion, kind, name) at the Deployment or StatefulSet it should scale.",
    validateStack: (args, report) => {
        const objects = kubeObjects(args.resources);
        for (const hpa of objects) {
            if (hpa.group !== "autoscaling" || hpa.kind !== "HorizontalPodAutoscaler" || isUnknown(hpa.namespace))
                continue;
            const spec = hpa.props["spec"];
            const ref = isUnknown(spec) ? undefined : record(record(spec)?.["scaleTargetRef"]);
            if (!ref) continue;
            const kind = text(ref["kind"]);
            const name = text(ref["name"]);
            const apiVersion = ref["apiVersion"];
            if (kind === undefined || name === undefined || isUnknown(apiVersion)) continue;
            const group = typeof apiVersion === "string" ? apiGroup(apiVersion) : undefined;
            const candidates = objects.filter(
                (o) =>
                    o.kind === kind &&
                    (group === undefined || o.group === group) &&
                    (o.namespace === hpa.namespace || isUnknown(o.namespace)),
            );
            if (candidates.some((o) => o.name === name && o.namespace === hpa.namespace)) continue;
            // A candidate whose name or namespace is not known yet may be the target: `pulumi up` judges it.
            if (candidates.some((o) => typeof o.name !== "string" || isUnknown(o.namespace))) continue;
            const target = `${typeof apiVersion === "string" ? `${apiVersion} ` : ""}${kind} ${name}`;
            report(
                finding(
                    [CONTROL],
                    `${label(hpa)} targets ${target}, which the stack does not create in namespace ${hpa.namespace}`,
                ),
                hpa.urn,
            );
        }
    },
};
