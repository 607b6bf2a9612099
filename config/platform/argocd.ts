import { z } from "zod";
import { enabledField } from "./addons";

/** An RFC 3339 UTC timestamp, the format Argo CD reads `admin.passwordMtime` in. */
const utcTimestamp = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "a UTC timestamp such as 2026-01-31T09:00:00Z");

/** `terrace:platform.argocd`. */
export const argocdConfigSchema = z
    .strictObject({
        /** Run this add-on; default per profile (config/platform/addons.ts: on in every profile). */
        enabled: enabledField,
        /**
         * When the admin password was last rotated; default 2026-01-01T00:00:00Z. Changing it generates a new
         * password and tells Argo CD to reject sessions issued before it (set it to the current UTC time).
         */
        adminPasswordRotatedAt: utcTimestamp.default("2026-01-01T00:00:00Z"),
        /** The app-of-apps: a Git repository whose path holds Argo CD Applications; default none (no bootstrap). */
        bootstrap: z
            .strictObject({
                /** HTTPS or SSH URL of the repository. */
                repoURL: z
                    .string()
                    .regex(/^(https:\/\/|ssh:\/\/|git@)\S+$/, "an https://, ssh:// or git@ repository URL"),
                /** Directory of Application manifests; default apps. */
                path: z.string().min(1).default("apps"),
                /** Branch, tag or commit; default HEAD. */
                targetRevision: z.string().min(1).default("HEAD"),
            })
            .optional(),
    })
    .prefault({});
export type ArgoCdConfig = z.infer<typeof argocdConfigSchema>;
