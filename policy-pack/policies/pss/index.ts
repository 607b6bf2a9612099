/** Every control of the Kubernetes "Pod Security Standards" page, baseline then restricted, one policy each. */
import type { TerracePolicy } from "../../lib/policy";
import { pssPodDisallowAddedCapabilities } from "./pss-pod-disallow-added-capabilities";
import { pssPodDisallowCustomSelinux } from "./pss-pod-disallow-custom-selinux";
import { pssPodDisallowHostNamespaces } from "./pss-pod-disallow-host-namespaces";
import { pssPodDisallowHostPorts } from "./pss-pod-disallow-host-ports";
import { pssPodDisallowHostProbes } from "./pss-pod-disallow-host-probes";
import { pssPodDisallowHostProcess } from "./pss-pod-disallow-host-process";
import { pssPodDisallowHostpathVolumes } from "./pss-pod-disallow-hostpath-volumes";
import { pssPodDisallowPrivilegeEscalation } from "./pss-pod-disallow-privilege-escalation";
import { pssPodDisallowPrivilegedContainers } from "./pss-pod-disallow-privileged-containers";
import { pssPodDisallowRestrictedVolumeTypes } from "./pss-pod-disallow-restricted-volume-types";
import { pssPodDisallowRootUser } from "./pss-pod-disallow-root-user";
import { pssPodDisallowUnconfinedApparmor } from "./pss-pod-disallow-unconfined-apparmor";
import { pssPodDisallowUnconfinedSeccomp } from "./pss-pod-disallow-unconfined-seccomp";
import { pssPodDisallowUnmaskedProcMount } from "./pss-pod-disallow-unmasked-proc-mount";
import { pssPodDisallowUnsafeSysctls } from "./pss-pod-disallow-unsafe-sysctls";
import { pssPodEnforceDropAllCapabilities } from "./pss-pod-enforce-drop-all-capabilities";
import { pssPodEnforceRunAsNonRoot } from "./pss-pod-enforce-run-as-non-root";
import { pssPodEnforceSeccompProfile } from "./pss-pod-enforce-seccomp-profile";

export const pssBaselinePolicies: TerracePolicy[] = [
    pssPodDisallowHostProcess,
    pssPodDisallowHostNamespaces,
    pssPodDisallowPrivilegedContainers,
    pssPodDisallowAddedCapabilities,
    pssPodDisallowHostpathVolumes,
    pssPodDisallowHostPorts,
    pssPodDisallowHostProbes,
    pssPodDisallowUnconfinedApparmor,
    pssPodDisallowCustomSelinux,
    pssPodDisallowUnmaskedProcMount,
    pssPodDisallowUnconfinedSeccomp,
    pssPodDisallowUnsafeSysctls,
];

export const pssRestrictedPolicies: TerracePolicy[] = [
    pssPodDisallowRestrictedVolumeTypes,
    pssPodDisallowPrivilegeEscalation,
    pssPodEnforceRunAsNonRoot,
    pssPodDisallowRootUser,
    pssPodEnforceSeccompProfile,
    pssPodEnforceDropAllCapabilities,
];

export const pssPolicies: TerracePolicy[] = [...pssBaselinePolicies, ...pssRestrictedPolicies];
