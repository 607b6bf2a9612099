/** Kubernetes best practices (containers, services, routes, Helm releases) and the stack-wide Kubernetes rules. */
import type { TerracePolicy } from "../../lib/policy";

export const kubernetesPolicies: TerracePolicy[] = [];
