/** The AWS baseline: CIS Amazon EKS Benchmark and AWS Foundational Security Best Practices. */
import type { TerracePolicy } from "../../lib/policy";

export const awsPolicies: TerracePolicy[] = [];
