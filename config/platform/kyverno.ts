import { z } from "zod";
import { enabledField } from "./addons";
import type { ConfigProblems } from "../errors";
import type { Environment } from "../infra";

export const VALIDATION_FAILURE_ACTIONS = ["Audit", "Enforce"] as const;
export type ValidationFailureAction = (typeof VALIDATION_FAILURE_ACTIONS)[number];

/** `terrace:platform.kyverno`. */
export const kyvernoConfigSchema = z
    .strictObject({
        /** Run this add-on; default per profile (config/platform/addons.ts: on in every profile). */
        enabled: enabledField,
        /** Audit (report only) or Enforce (deny) for the Pod Security policies; default Audit in dev, Enforce elsewhere. */
        validationFailureAction: z.enum(VALIDATION_FAILURE_ACTIONS).optional(),
    })
    .prefault({});
export type KyvernoConfig = z.infer<typeof kyvernoConfigSchema>;

/** Refuses Audit in prod: production must block non-compliant pods, not only report them. */
export function checkKyvernoConsistency(
    kyverno: KyvernoConfig,
    environment: Environment,
    problems: ConfigProblems,
): void {
    if (environment === "prod" && kyverno.validationFailureAction === "Audit") {
        problems.add("terrace:platform.kyverno.validationFailureAction", "Audit", '"Enforce" in prod');
    }
}
