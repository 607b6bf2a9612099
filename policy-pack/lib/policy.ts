/**
 * The shape every Terrace policy shares. A policy is a plain @pulumi/policy object (so the same module runs
 * under the Pulumi engine and offline) plus the control ids it implements (DESIGN.md "Control ids").
 *
 * Rules for policy authors, because the offline runner (lib/runner.ts) and `pulumi policy publish` rely on them:
 * - validations are synchronous (the offline runner rejects a returned Promise);
 * - policy modules import only @pulumi/policy, @pulumi/pulumi and this pack's own files (a published pack installs
 *   nothing else);
 * - read props through `plain()` (lib/values.ts): values unknown during preview become `UNKNOWN` instead of
 *   throwing, and a rule must treat `UNKNOWN` as "cannot judge yet", never as a violation;
 * - every reported message is `finding(controls, text)`, carrying only the controls this finding breaks.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** The pack's name, as published (`pulumi policy publish`) and as the engine names it in diagnostics. */
export const PACK_NAME = "terrace-baseline";

/** Every Terrace policy declares the controls it implements (DESIGN.md ids). */
export type TerraceResourcePolicy = ResourceValidationPolicy & { readonly controls: readonly string[] };
export type TerraceStackPolicy = StackValidationPolicy & { readonly controls: readonly string[] };
export type TerracePolicy = TerraceResourcePolicy | TerraceStackPolicy;

/** Control ids look like `pss-baseline:seccomp`, `cis-eks:5.4.2`, `aws-fsbp:RDS.3`, `terrace:no-latest-tag`. */
export const CONTROL_ID = /^(pss-baseline|pss-restricted|cis-eks|aws-fsbp|terrace):[A-Za-z0-9._-]+$/;

const FINDING = /^\[([^\]]*)\] ([\s\S]*)$/;

/** A violation message carrying the controls this finding breaks: "[pss-restricted:capabilities] container app adds CHOWN". */
export function finding(controls: readonly string[], message: string): string {
    for (const control of controls) {
        if (!CONTROL_ID.test(control)) {
            throw new Error(`finding(): "${control}" is not a control id (DESIGN.md "Control ids")`);
        }
    }
    return `[${controls.join(", ")}] ${message}`;
}

/** Inverse of finding(). A message that did not come from finding() keeps its text and has no controls. */
export function parseFinding(text: string): { controls: string[]; message: string } {
    const match = FINDING.exec(text);
    if (!match) {
        return { controls: [], message: text };
    }
    const controls = match[1]
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c.length > 0);
    if (!controls.every((c) => CONTROL_ID.test(c))) {
        return { controls: [], message: text };
    }
    return { controls, message: match[2] };
}

export function isStackPolicy(policy: TerracePolicy): policy is TerraceStackPolicy {
    return typeof (policy as Partial<TerraceStackPolicy>).validateStack === "function";
}

export function isResourcePolicy(policy: TerracePolicy): policy is TerraceResourcePolicy {
    return !isStackPolicy(policy) && (policy as TerraceResourcePolicy).validateResource !== undefined;
}

/** Policy names follow `<area>-<resource>-<verb>-<subject>` (DESIGN.md convention 7). */
export const POLICY_NAME =
    /^[a-z0-9]+-[a-z0-9]+(-[a-z0-9]+)*-(missing|disallow|enable|configure|enforce)-[a-z0-9]+(-[a-z0-9]+)*$/;
