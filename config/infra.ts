import { z } from "zod";
import { TIER_NAMES, TierName } from "./tiers";
import { cidr } from "./validators";

export { isCidr } from "./validators";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * Kubernetes minor versions with the date their EKS standard support ends (EKS version calendar,
 * docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html). A version past its date is in paid
 * extended support and refused. Update this table when EKS releases a version.
 */
export const EKS_STANDARD_SUPPORT_END: Readonly<Record<string, string>> = {
    "1.34": "2026-12-02",
    "1.35": "2027-03-27",
    // 1.36 is estimated at 14 months after its EKS release; correct it from the calendar when published.
    "1.36": "2027-07-31",
};

/** Versions whose EKS standard support has not ended on `today`. */
export function kubernetesVersionsInSupport(today: Date = new Date()): string[] {
    const day = today.toISOString().slice(0, 10);
    return Object.entries(EKS_STANDARD_SUPPORT_END)
        .filter(([, end]) => day <= end)
        .map(([version]) => version);
}

/** True when EKS offers `version` in standard support on `today` (a version past its date costs extended support). */
export function inStandardSupport(version: string, today: Date = new Date()): boolean {
    return kubernetesVersionsInSupport(today).includes(version);
}

/** PostgreSQL major versions in RDS standard support (RDS PostgreSQL release calendar). */
export const RDS_POSTGRES_MAJORS = ["15", "16", "17", "18"] as const;

/** Names RDS PostgreSQL reserves or that every scanner tries first. */
const RESERVED_DB_USERS = ["postgres", "admin", "administrator", "root", "rdsadmin", "rdsrepladmin", "master", "user"];

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const count = (min: number, max: number) => z.number().int().min(min).max(max);

export const networkSchema = z.strictObject({
    /** VPC CIDR; default 10.0.0.0/16. Must be /16 to /20 so each AZ gets a public and a private subnet. */
    cidr: cidr
        .refine((c) => {
            const prefix = Number(c.split("/")[1]);
            return prefix >= 16 && prefix <= 20;
        }, "a VPC CIDR with a prefix between /16 and /20")
        .default("10.0.0.0/16"),
    /** Availability zones to span; default 3. */
    azCount: count(2, 6).default(3),
    /** NAT gateways: `single` (one shared, cheap) or `perAz` (one per AZ, survives an AZ outage); default perAz. */
    natGateways: z.enum(["single", "perAz"]).default("perAz"),
    /** VPC flow logs to CloudWatch; default true in prod, false elsewhere. */
    flowLogs: z.boolean().optional(),
    /** Days to keep flow logs and control-plane logs; default 90. */
    logRetentionDays: z
        .number()
        .int()
        .refine(
            (d) => LOG_RETENTION_DAYS.includes(d),
            `one of the CloudWatch retention values ${LOG_RETENTION_DAYS.join(", ")}`,
        )
        .default(90),
});

const iamPrincipalArn = z
    .string()
    .regex(
        /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@\/-]+$/,
        "an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)",
    );

export const clusterSchema = z.strictObject({
    /** Kubernetes minor version; must be in EKS standard support. */
    kubernetesVersion: z.preprocess(
        // An unquoted 1.35 is a YAML number; take it when it reads as a known version. 1.30 would read as 1.3, so
        // anything else asks for quotes rather than guessing.
        (v) => (typeof v === "number" && String(v) in EKS_STANDARD_SUPPORT_END ? String(v) : v),
        z
            .string({
                error: (issue) =>
                    typeof issue.input === "number"
                        ? 'a quoted string such as "1.35" (YAML reads 1.30 as the number 1.3)'
                        : undefined,
            })
            .refine((v) => inStandardSupport(v), {
                error: () =>
                    `a Kubernetes version in EKS standard support today: ${kubernetesVersionsInSupport().join(", ")}`,
            }),
    ),
    /** API endpoint access: private always on; public only with an allow-list. */
    endpoint: z
        .strictObject({
            /** Reachable from inside the VPC; default true. */
            privateAccess: z.boolean().default(true),
            /** Reachable from the internet (restricted to publicAccessCidrs); default false. */
            publicAccess: z.boolean().default(false),
            /** CIDRs allowed to reach a public endpoint; required when publicAccess is true. */
            publicAccessCidrs: z.array(cidr).default([]),
        })
        .default({ privateAccess: true, publicAccess: false, publicAccessCidrs: [] }),
    /** IAM principals given cluster-admin through EKS access entries. */
    admins: z.array(iamPrincipalArn).min(1),
});

export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"] as const;

export const tierSizingSchema = z.strictObject({
    /** EC2 instance types, most preferred first. */
    instanceTypes: z
        .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an EC2 instance type such as m7i.large"))
        .min(1),
    /** Smallest node count. */
    minSize: count(0, 1000),
    /** Node count at creation. */
    desiredSize: count(0, 1000),
    /** Largest node count. */
    maxSize: count(1, 1000),
    /** ON_DEMAND or SPOT; SPOT is refused in prod. Default ON_DEMAND. */
    capacityType: z.enum(CAPACITY_TYPES).default("ON_DEMAND"),
    /** Root volume size in GiB (encrypted gp3); default 50. */
    diskSizeGiB: count(20, 16384).default(50),
});
export type TierSizing = z.infer<typeof tierSizingSchema>;

export const tiersSchema = z.strictObject(
    Object.fromEntries(TIER_NAMES.map((t) => [t, tierSizingSchema])) as Record<TierName, typeof tierSizingSchema>,
);

export const databaseSchema = z.strictObject({
    /** PostgreSQL major version; default 17. */
    engineVersion: z
        // An unquoted major version (17) is a YAML number; it means the same thing.
        .preprocess((v) => (typeof v === "number" && Number.isInteger(v) ? String(v) : v), z.enum(RDS_POSTGRES_MAJORS))
        .default("17"),
    /** RDS instance class. */
    instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "an RDS instance class such as db.r7g.large"),
    /** Initial storage in GiB (gp3); default 20. */
    allocatedStorageGiB: count(20, 65536).default(20),
    /** Storage autoscaling ceiling in GiB; must exceed allocatedStorageGiB. Default 100. */
    maxAllocatedStorageGiB: count(21, 65536).default(100),
    /** Standby in a second AZ; required in prod. */
    multiAz: z.boolean(),
    /** Days of automated backups (1-35); prod needs at least 7. */
    backupRetentionDays: count(1, 35),
    /** Refuse DeleteDBInstance; required in prod. */
    deletionProtection: z.boolean(),
    /** Database created at launch; default erp. */
    name: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,62}$/, "lower-case letters, digits and _ starting with a letter (max 63)")
        .default("erp"),
    /** Master user name; must not be a default such as postgres or admin. Default terrace_admin. */
    masterUsername: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,15}$/, "lower-case letters, digits and _ starting with a letter (max 16)")
        .refine((u) => !RESERVED_DB_USERS.includes(u), `a name other than ${RESERVED_DB_USERS.join(", ")}`)
        .default("terrace_admin"),
    /** Enhanced monitoring interval in seconds; default 60. */
    monitoringIntervalSeconds: z
        .union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)])
        .default(60),
});

export type NetworkConfig = z.infer<typeof networkSchema> & { readonly flowLogs: boolean };
export type ClusterConfig = z.infer<typeof clusterSchema>;
export type TiersConfig = z.infer<typeof tiersSchema>;
export type DatabaseConfig = z.infer<typeof databaseSchema>;
