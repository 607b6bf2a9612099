import { z } from "zod";

/** `terrace:apps`: the application namespace and the reference workloads (owned by the application layer). */
export const appsSchema = z.strictObject({}).default({});
export type AppsConfig = z.infer<typeof appsSchema>;

/** Secret top-level keys (`terrace:<key>`, set with `pulumi config set --secret`) the apps read. */
export const APPS_SECRET_KEYS: readonly string[] = [];
