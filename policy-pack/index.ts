/**
 * The Terrace security baseline as a CrossGuard pack. Constructing a PolicyPack starts the analyzer's gRPC
 * server, so this file is the only place that does it: tests, the policy CLI and the plan import
 * ./policies instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME } from "./lib/policy";
import { policies } from "./policies";

new PolicyPack(PACK_NAME, {
    description:
        "Terrace security baseline: Kubernetes Pod Security Standards and best practices, CIS Amazon EKS Benchmark, " +
        "AWS Foundational Security Best Practices.",
    // Each policy declares its own level; the per-environment pack config (config/<stack>.json) adjusts them.
    enforcementLevel: "advisory",
    policies: [...policies],
});
