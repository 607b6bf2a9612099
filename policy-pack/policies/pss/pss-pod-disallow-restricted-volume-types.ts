import { pssPolicy } from "../../lib/pss";
import { isUnknown, list, record, text } from "../../lib/values";

/** The volume types a restricted pod may use: core types and those backed by PersistentVolumes. */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
]);

/** Restricted "Volume Types": only core volume types and PersistentVolume-backed ones, no direct storage drivers. */
export const pssPodDisallowRestrictedVolumeTypes = pssPolicy({
    name: "pss-pod-disallow-restricted-volume-types",
    description: "Pods may only use core volume types (PSS restricted: Volume Types).",
    level: "restricted",
    control: "volume-types",
    remediationSteps: `Use only ${[...RESTRICTED_VOLUME_TYPES].join(", ")} volumes; reach other storage through a PVC.`,
    check: (pod) =>
        list(pod.spec["volumes"]).flatMap((entry) => {
            const volume = record(entry);
            if (!volume) return [];
            const types = Object.keys(volume).filter((key) => key !== "name" && volume[key] != null);
            // A volume whose source is still unknown cannot be judged yet.
            if (types.some((t) => RESTRICTED_VOLUME_TYPES.has(t) || isUnknown(volume[t]))) return [];
            const name = text(volume["name"]) ?? "(unnamed)";
            return [`volume ${name} uses ${types.length > 0 ? types.join(", ") : "no allowed type"}`];
        }),
});
