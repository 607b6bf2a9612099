import { z } from "zod";
import { dnsLabel, dnsName } from "../validators";
import { enabledField } from "./addons";
import { argocdConfigSchema } from "./argocd";
import { checkKyvernoConsistency, kyvernoConfigSchema } from "./kyverno";
import { MONITORING_SECRET_KEYS, monitoringConfigSchema } from "./monitoring";
import { veleroConfigSchema } from "./velero";
import { ConfigProblems } from "../errors";
import type { Environment } from "../infra";

/**
 * `terrace:platform`: settings of the platform add-ons (owned by the platform layer). One object built from a
 * sub-schema per add-on, so each add-on's settings are validated (and documented) next to each other.
 */

const namespaceName = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a Kubernetes namespace name");

export const CLUSTER_ISSUERS = ["letsencrypt-staging", "letsencrypt-prod"] as const;
export type ClusterIssuerName = (typeof CLUSTER_ISSUERS)[number];

export const ACME_SOLVERS = ["http01", "route53"] as const;

export const ciliumSchema = z
    .strictObject({
        /**
         * Interfaces whose egress traffic leaving the VPC would be masqueraded; default `ens+` (Amazon Linux 2023
         * and Bottlerocket name ENIs ens5, ens6, ...). Only used if IPv4 masquerading is turned on: Terrace keeps
         * it off, as Cilium does in ENI mode since 1.18 (the NAT gateways translate; docs/platform.md).
         */
        egressMasqueradeInterfaces: z
            .string()
            .regex(/^[a-z][a-z0-9]*\+?$/, "an interface name or prefix followed by +, such as ens+")
            .default("ens+"),
        /** Hubble UI (network flow viewer); default true. Hubble relay is always on. */
        hubbleUi: z.boolean().default(true),
    })
    .prefault({});

export const DEFAULT_HOSTNAMES: Readonly<Record<string, string>> = { app: "app", api: "api" };

export const gatewaySchema = z
    .strictObject({
        /** Run the ingress gateway (an NLB on the ingress tier); default on. Without it the apps get no routes. */
        enabled: enabledField,
        /** Hosts served over HTTPS, name -> DNS label under `domain`; default { app: app, api: api }. */
        hostnames: z
            .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, "an identifier such as app"), dnsLabel)
            .refine((h) => Object.keys(h).length > 0, "at least one host name")
            .default({ ...DEFAULT_HOSTNAMES }),
        /** Namespaces allowed to attach HTTPRoutes to the HTTPS listener; default the apps namespace (terrace:apps.namespace). */
        routeNamespaces: z.array(namespaceName).min(1).optional(),
        /** NLB scheme: true for internet-facing, false for internal (reachable from the VPC only); default true. */
        internetFacing: z.boolean().default(true),
        /** CIDRs allowed to reach the NLB; default everyone (0.0.0.0/0) for a public site. */
        sourceRanges: z
            .array(z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "an IPv4 CIDR block such as 203.0.113.0/24"))
            .min(1)
            .default(["0.0.0.0/0"]),
        /** Strict-Transport-Security max-age in seconds for responses the apps send through the gateway; default 1 year. */
        hstsMaxAgeSeconds: z.number().int().min(0).max(63072000).default(31536000),
    })
    .prefault({});

export const certManagerSchema = z.strictObject({
    /** ACME account e-mail: Let's Encrypt sends expiry warnings here. Required. */
    email: z.email("an e-mail address such as platform@example.com"),
    /** ClusterIssuer workloads use; default letsencrypt-prod in prod, letsencrypt-staging elsewhere. */
    issuer: z.enum(CLUSTER_ISSUERS).optional(),
    /** ACME challenge: http01 (through the gateway) or route53 (DNS-01, needs route53HostedZoneId); default http01. */
    solver: z.enum(ACME_SOLVERS).default("http01"),
    /** Route 53 hosted zone of `domain`, for the route53 solver. */
    route53HostedZoneId: z
        .string()
        .regex(/^Z[A-Z0-9]{1,31}$/, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ")
        .optional(),
});

/** metrics-server (an EKS add-on): CPU and memory metrics for HPAs and `kubectl top`. */
export const metricsServerSchema = z
    .strictObject({
        /** Run metrics-server; default on. Refused off while an application service autoscales. */
        enabled: enabledField,
    })
    .prefault({});

/** The AWS Load Balancer Controller: provisions the gateway's NLB. */
export const loadBalancerControllerSchema = z
    .strictObject({
        /** Run the controller; default on. Refused off while the gateway is enabled (it provisions the gateway's NLB). */
        enabled: enabledField,
    })
    .prefault({});

/** The whole section: one sub-schema per add-on, each defined next to the code that reads it. */
export const platformSchema = z.strictObject({
    /** Base DNS name; the gateway serves <hostname>.<domain>. Required. */
    domain: dnsName,
    cilium: ciliumSchema,
    gateway: gatewaySchema,
    certManager: certManagerSchema,
    argocd: argocdConfigSchema,
    monitoring: monitoringConfigSchema,
    velero: veleroConfigSchema,
    kyverno: kyvernoConfigSchema,
    metricsServer: metricsServerSchema,
    loadBalancerController: loadBalancerControllerSchema,
});
export type PlatformConfig = z.infer<typeof platformSchema>;
export type CiliumConfig = PlatformConfig["cilium"];
export type GatewayConfig = PlatformConfig["gateway"];
export type CertManagerConfig = PlatformConfig["certManager"];

/** Secret top-level keys (`terrace:<key>`, set with `pulumi config set --secret`) the platform reads. */
export const PLATFORM_SECRET_KEYS: readonly string[] = [...MONITORING_SECRET_KEYS];

/** The ClusterIssuer workloads should use: the configured one, else Let's Encrypt prod in prod, staging elsewhere. */
export function defaultClusterIssuer(platform: PlatformConfig, environment: Environment): ClusterIssuerName {
    return platform.certManager.issuer ?? (environment === "prod" ? "letsencrypt-prod" : "letsencrypt-staging");
}

/**
 * Platform rules that span keys or depend on the environment. With a collector, problems are added to it (parseConfig
 * reports them with every other problem); without one, a ConfigError naming every problem is thrown.
 */
export function checkPlatformConsistency(
    platform: PlatformConfig,
    environment: Environment,
    collector?: ConfigProblems,
): void {
    const problems = collector ?? new ConfigProblems();
    const key = (path: string) => `terrace:platform.${path}`;
    checkKyvernoConsistency(platform.kyverno, environment, problems);
    const cm = platform.certManager;
    if (cm.solver === "route53" && cm.route53HostedZoneId === undefined) {
        problems.add(
            key("certManager.route53HostedZoneId"),
            undefined,
            "a hosted zone id when certManager.solver is route53",
        );
    }
    if (cm.solver === "http01") {
        // Let's Encrypt validates HTTP-01 from addresses it does not publish: port 80 must be open to everyone.
        if (!platform.gateway.internetFacing) {
            problems.add(
                key("gateway.internetFacing"),
                false,
                "true when certManager.solver is http01 (or use solver route53)",
            );
        }
        if (!platform.gateway.sourceRanges.includes("0.0.0.0/0")) {
            problems.add(
                key("gateway.sourceRanges"),
                platform.gateway.sourceRanges,
                "a list containing 0.0.0.0/0 when certManager.solver is http01 (or use solver route53)",
            );
        }
    }
    if (environment === "prod" && cm.issuer === "letsencrypt-staging") {
        problems.add(
            key("certManager.issuer"),
            cm.issuer,
            '"letsencrypt-prod" in prod (staging certificates are not trusted by browsers)',
        );
    }
    const hosts = Object.values(platform.gateway.hostnames);
    const duplicate = hosts.find((h, i) => hosts.indexOf(h) !== i);
    if (duplicate !== undefined) {
        problems.add(
            key("gateway.hostnames"),
            platform.gateway.hostnames,
            `distinct DNS labels (${duplicate} is used twice)`,
        );
    }
    for (const [name, label] of Object.entries(platform.gateway.hostnames)) {
        if (`${label}.${platform.domain}`.length > 253) {
            problems.add(
                key(`gateway.hostnames.${name}`),
                label,
                `a label that keeps ${label}.${platform.domain} within 253 characters`,
            );
        }
    }
    if (collector === undefined) problems.throwIfAny();
}
