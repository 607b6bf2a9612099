import { z } from "zod";

/** `terrace:platform`: settings of the platform add-ons (owned by the platform layer). */
export const platformSchema = z.strictObject({}).default({});
export type PlatformConfig = z.infer<typeof platformSchema>;

/** Secret top-level keys (`terrace:<key>`, set with `pulumi config set --secret`) the platform reads. */
export const PLATFORM_SECRET_KEYS: readonly string[] = [];
