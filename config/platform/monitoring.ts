import { z } from "zod";
import { enabledField } from "./addons";

/**
 * Secret top-level keys holding Alertmanager webhook URLs (`pulumi config set --secret terrace:<key> https://...`).
 * A receiver names the key it reads, so the set of keys stays fixed while receivers stay configurable.
 */
export const MONITORING_SECRET_KEYS = ["alertmanagerCriticalWebhookUrl", "alertmanagerWarningWebhookUrl"] as const;
export type MonitoringSecretKey = (typeof MONITORING_SECRET_KEYS)[number];

export const SEVERITIES = ["critical", "warning", "info"] as const;

/** A Prometheus duration in whole days, weeks or years, such as 15d. */
const retention = z.string().regex(/^[1-9]\d*[dwy]$/, "a Prometheus duration in days, weeks or years such as 15d");

export const receiverSchema = z.strictObject({
    /** Receiver name in the Alertmanager config (and the file name of its URL). */
    name: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,62}$/, "a lower-case name such as oncall")
        .refine((n) => n !== "null", 'a name other than "null" (the built-in receiver that drops alerts)'),
    /** Alert severities routed to it; default [critical]. */
    severities: z.array(z.enum(SEVERITIES)).min(1).default(["critical"]),
    /** The secret key holding its webhook URL. */
    urlSecret: z.enum(MONITORING_SECRET_KEYS),
});
export type ReceiverConfig = z.infer<typeof receiverSchema>;

/** `terrace:platform.monitoring`. */
export const monitoringConfigSchema = z
    .strictObject({
        /** Run this add-on; default per profile (config/platform/addons.ts: on in every profile). */
        enabled: enabledField,
        /** How long Prometheus keeps metrics; default 7d in dev, 15d in staging, 30d in prod. */
        retention: retention.optional(),
        /** Size of each Prometheus volume in GiB; default 20 in dev, 50 in staging, 100 in prod. */
        prometheusStorageGiB: z.number().int().min(10).max(16384).optional(),
        /** Alertmanager webhook receivers; default none (alerts are visible in the UI only). */
        receivers: z
            .array(receiverSchema)
            .refine((rs) => new Set(rs.map((r) => r.name)).size === rs.length, "receivers with distinct names")
            .default([]),
    })
    .prefault({});
export type MonitoringConfig = z.infer<typeof monitoringConfigSchema>;
