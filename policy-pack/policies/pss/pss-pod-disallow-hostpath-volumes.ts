import { pssPolicy } from "../../lib/pss";
import { list, record, text } from "../../lib/values";

/** Baseline "HostPath Volumes": a hostPath volume exposes the node's filesystem to the pod. */
export const pssPodDisallowHostpathVolumes = pssPolicy({
    name: "pss-pod-disallow-hostpath-volumes",
    description: "Pods must not mount hostPath volumes (PSS baseline: HostPath Volumes).",
    level: "baseline",
    control: "hostpath-volumes",
    remediationSteps: "Replace hostPath volumes with emptyDir, configMap, secret, projected or PVC volumes.",
    check: (pod) =>
        list(pod.spec["volumes"])
            .map((v) => record(v))
            .filter((v): v is Record<string, unknown> => v !== undefined && v["hostPath"] != null)
            .map((v) => `volume ${text(v["name"]) ?? "(unnamed)"} uses hostPath`),
});
