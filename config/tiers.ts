/**
 * The tier names, which the stack config is keyed by. What a tier means (its label, taint and placement) is the
 * tier table in infra/tiers.ts; config only needs to know which tiers exist.
 */
export const TIER_NAMES = ["system", "application", "data", "ingress"] as const;
export type TierName = (typeof TIER_NAMES)[number];

export function isTierName(value: string): value is TierName {
    return (TIER_NAMES as readonly string[]).includes(value);
}
