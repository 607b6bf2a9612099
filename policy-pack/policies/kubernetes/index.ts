/** Kubernetes best practices (containers, services, routes, Helm releases) and the stack-wide Kubernetes rules. */
import type { TerracePolicy } from "../../lib/policy";
import { kubernetesContainerDisallowLatestTag } from "./kubernetes-container-disallow-latest-tag";
import { kubernetesContainerEnforceRegistryAllowlist } from "./kubernetes-container-enforce-registry-allowlist";
import { kubernetesContainerMissingProbes } from "./kubernetes-container-missing-probes";
import { kubernetesContainerMissingResources } from "./kubernetes-container-missing-resources";
import { kubernetesDeploymentMissingPdb } from "./kubernetes-deployment-missing-pdb";
import { kubernetesHelmReleaseEnforcePinnedVersion } from "./kubernetes-helm-release-enforce-pinned-version";
import { kubernetesHpaMissingTarget } from "./kubernetes-hpa-missing-target";
import { kubernetesIngressEnforceTls } from "./kubernetes-ingress-enforce-tls";
import { kubernetesNamespaceMissingDefaultDeny } from "./kubernetes-namespace-missing-default-deny";
import { kubernetesPodDisallowTokenAutomount } from "./kubernetes-pod-disallow-token-automount";
import { kubernetesRouteEnforceTls } from "./kubernetes-route-enforce-tls";
import { kubernetesServiceDisallowLoadbalancer } from "./kubernetes-service-disallow-loadbalancer";
import { kubernetesServiceDisallowNodeport } from "./kubernetes-service-disallow-nodeport";
import { kubernetesWorkloadDisallowDefaultNamespace } from "./kubernetes-workload-disallow-default-namespace";

export const kubernetesPolicies: TerracePolicy[] = [
    // Containers and workloads
    kubernetesContainerMissingResources,
    kubernetesContainerMissingProbes,
    kubernetesContainerDisallowLatestTag,
    kubernetesContainerEnforceRegistryAllowlist,
    kubernetesWorkloadDisallowDefaultNamespace,
    kubernetesPodDisallowTokenAutomount,
    // Exposure
    kubernetesServiceDisallowNodeport,
    kubernetesServiceDisallowLoadbalancer,
    kubernetesIngressEnforceTls,
    kubernetesRouteEnforceTls,
    // Delivery
    kubernetesHelmReleaseEnforcePinnedVersion,
    // Stack-wide
    kubernetesNamespaceMissingDefaultDeny,
    kubernetesDeploymentMissingPdb,
    kubernetesHpaMissingTarget,
];
