import { z } from "zod";
import { enabledField } from "./addons";

/** `terrace:platform.velero`. */
export const veleroConfigSchema = z
    .strictObject({
        /** Run this add-on; default per profile (config/platform/addons.ts: on in every profile). */
        enabled: enabledField,
        /** Days the hourly backups of the application namespaces are kept; default 1 in dev, 3 in staging, 7 in prod. */
        hourlyRetentionDays: z.number().int().min(1).max(35).optional(),
        /** Days the daily backups of the whole cluster are kept; default 7 in dev, 14 in staging, 30 in prod. */
        dailyRetentionDays: z.number().int().min(1).max(400).optional(),
    })
    .prefault({});
export type VeleroConfig = z.infer<typeof veleroConfigSchema>;
