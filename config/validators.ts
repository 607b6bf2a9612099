import { z } from "zod";

/**
 * Validators for values that several config sections share: cron schedules, IANA time zones, IPv4 CIDRs and DNS
 * names. Each is a pure predicate plus a zod schema whose message says what is allowed in a stack file's words.
 */

/** The fields of a Kubernetes CronJob schedule (robfig/cron's standard parser: minute hour dom month dow). */
const CRON_FIELDS = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    {
        name: "month",
        min: 1,
        max: 12,
        names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    },
    // robfig/cron's standard parser (Kubernetes' CronJob controller) takes 0-6 only; 7 is refused there too.
    { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
] as const;

/** The macros Kubernetes CronJobs accept in place of five fields. */
export const CRON_MACROS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"] as const;

/** Why `schedule` is not a valid five-field cron expression, or undefined when it is. Pure. */
export function cronProblem(schedule: string): string | undefined {
    const text = schedule.trim();
    if ((CRON_MACROS as readonly string[]).includes(text)) return undefined;
    if (/^(CRON_)?TZ=/.test(text)) return "no TZ= prefix (set the time zone with the timeZone field)";
    const fields = text.split(/\s+/);
    if (fields.length !== 5) return `5 fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
    for (let i = 0; i < 5; i++) {
        const problem = cronFieldProblem(fields[i], CRON_FIELDS[i]);
        if (problem) return problem;
    }
    return undefined;
}

function cronFieldProblem(
    field: string,
    spec: { readonly name: string; readonly min: number; readonly max: number; readonly names?: readonly string[] },
): string | undefined {
    const value = (token: string): number | undefined => {
        if (/^\d+$/.test(token)) return Number(token);
        const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
        return index >= 0 ? index + spec.min : undefined;
    };
    for (const part of field.split(",")) {
        const [range, step, extra] = part.split("/");
        if (extra !== undefined || range === "") return `a valid ${spec.name} field, not "${field}"`;
        if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) {
            return `a step of at least 1 in the ${spec.name} field, not "${step}"`;
        }
        if (range === "*" || range === "?") continue;
        const bounds = range.split("-");
        if (bounds.length > 2) return `a valid ${spec.name} range, not "${range}"`;
        const numbers = bounds.map(value);
        for (let i = 0; i < bounds.length; i++) {
            const n = numbers[i];
            if (n === undefined || n < spec.min || n > spec.max) {
                return `a ${spec.name} from ${spec.min} to ${spec.max}, not "${bounds[i]}"`;
            }
        }
        if (numbers.length === 2 && numbers[0]! > numbers[1]!) return `an ascending ${spec.name} range, not "${range}"`;
    }
    return undefined;
}

export function isCronSchedule(schedule: string): boolean {
    return cronProblem(schedule) === undefined;
}

/** A Kubernetes CronJob schedule; the message names what is wrong (e.g. an hour of 99). */
export const cronSchedule = z.string().superRefine((schedule, ctx) => {
    const problem = cronProblem(schedule);
    if (problem) ctx.addIssue({ code: "custom", message: `a cron schedule such as "0 2 * * *": ${problem}` });
});

let zones: ReadonlySet<string> | undefined;

/** True for an IANA time zone name Node's ICU knows (Europe/Berlin, UTC, Etc/UTC). */
export function isTimeZone(name: string): boolean {
    zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC", "GMT", "Etc/GMT"]);
    if (zones.has(name)) return true;
    try {
        // Links (Asia/Calcutta) are valid IANA names that supportedValuesOf lists under their canonical name.
        new Intl.DateTimeFormat("en", { timeZone: name });
        return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name);
    } catch {
        return false;
    }
}

export const timeZone = z.string().refine(isTimeZone, "an IANA time zone such as Europe/Berlin or UTC");

const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** The network address and prefix of an IPv4 CIDR, or undefined when malformed. */
export function parseCidr(value: string): { readonly address: number; readonly prefix: number } | undefined {
    const m = cidrPattern.exec(value);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (!octets.every((o) => o >= 0 && o <= 255) || prefix > 32) return undefined;
    const address = octets.reduce((a, o) => a * 256 + o, 0);
    return { address, prefix };
}

export function isCidr(value: string): boolean {
    return parseCidr(value) !== undefined;
}

/** True when every address of `inner` is in `outer` (both valid IPv4 CIDRs). */
export function cidrContains(outer: string, inner: string): boolean {
    const o = parseCidr(outer);
    const i = parseCidr(inner);
    if (!o || !i || i.prefix < o.prefix) return false;
    const size = 2 ** (32 - o.prefix);
    return Math.floor(i.address / size) === Math.floor(o.address / size);
}

export const cidr = z.string().refine(isCidr, { message: "an IPv4 CIDR block such as 10.0.0.0/16" });

/** A DNS name such as dev.terrace.example.com: lower-case labels of letters, digits and hyphens, at most 253. */
export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const dnsName = z.string().regex(DNS_NAME, "a lower-case DNS name such as dev.terrace.example.com");

/** One DNS label (the part of a host name between dots); also the form of a Kubernetes namespace name. */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const dnsLabel = z.string().regex(DNS_LABEL, "a lower-case DNS label such as app");
