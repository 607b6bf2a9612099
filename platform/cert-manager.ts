/**
 * cert-manager: issues the gateway's certificate from Let's Encrypt. CRDs come with the chart (crds.enabled,
 * kept on uninstall so certificates survive a reinstall), controllers on the system tier, HA in prod, Gateway
 * API support on (the HTTP-01 solver answers through the gateway), and one ClusterIssuer per Let's Encrypt
 * environment. The DNS-01 (Route 53) solver gets an IRSA role limited to the configured hosted zone.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment, PlatformConfig } from "../config";
import { CLUSTER_ISSUERS, ClusterIssuerName } from "../config/platform";
import { irsaRole } from "../infra/irsa";
import { PLATFORM_NAMESPACES } from "./namespaces";
import { ChartPin, helmPlacement, pinnedRelease } from "./release";

/** tests/fixtures/charts/cert-manager/Chart.yaml; the repository is Jetstack's. */
export const CERT_MANAGER_PIN: ChartPin = {
    chart: "cert-manager",
    version: "v1.21.1",
    repository: "https://charts.jetstack.io",
};

/** The controller's service account (the chart names it after the release); the Route 53 IRSA trust names it. */
export const CERT_MANAGER_SERVICE_ACCOUNT = "cert-manager";

export const ACME_SERVERS: Readonly<Record<ClusterIssuerName, string>> = {
    "letsencrypt-staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
    "letsencrypt-prod": "https://acme-v02.api.letsencrypt.org/directory",
};

/** Spread a component's replicas over zones (prod); pods are matched by the chart's standard labels. */
function zoneSpread(component: string): Record<string, unknown>[] {
    return [
        {
            maxSkew: 1,
            topologyKey: "topology.kubernetes.io/zone",
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: {
                matchLabels: {
                    "app.kubernetes.io/instance": CERT_MANAGER_PIN.chart,
                    "app.kubernetes.io/component": component,
                },
            },
        },
    ];
}

export interface CertManagerValuesInput {
    readonly environment: Environment;
    /** IRSA role for the Route 53 solver; none with HTTP-01. */
    readonly route53RoleArn?: string;
}

/** Values for the cert-manager chart. Pure. */
export function certManagerValues(input: CertManagerValuesInput): Record<string, unknown> {
    const ha = input.environment === "prod";
    const system = helmPlacement("system");
    // The chart's documented HA layout: 2 controllers and cainjectors (leader election), 3 webhooks, PDBs.
    const component = (component: string, replicas: number) => ({
        replicaCount: ha ? replicas : 1,
        podDisruptionBudget: ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
        ...system,
        ...(ha ? { topologySpreadConstraints: zoneSpread(component) } : {}),
    });
    return {
        crds: { enabled: true, keep: true },
        ...component("controller", 2),
        config: {
            apiVersion: "controller.config.cert-manager.io/v1alpha1",
            kind: "ControllerConfiguration",
            // The HTTP-01 solver creates HTTPRoutes on the platform Gateway.
            enableGatewayAPI: true,
        },
        ...(input.route53RoleArn !== undefined
            ? { serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": input.route53RoleArn } } }
            : {}),
        webhook: component("webhook", 3),
        cainjector: component("cainjector", 2),
        startupapicheck: { ...system },
    };
}

/** Where the HTTP-01 solver attaches its HTTPRoute: the platform Gateway's plain-HTTP listener. */
export interface GatewayListenerRef {
    readonly name: string;
    readonly namespace: string;
    readonly sectionName: string;
}

export interface IssuerSolverInput {
    readonly solver: PlatformConfig["certManager"]["solver"];
    /** Needed by HTTP-01; without it HTTP-01 has no solver. */
    readonly gateway?: GatewayListenerRef;
    readonly region: string;
    readonly route53HostedZoneId?: string;
}

/** The ACME solver of every ClusterIssuer; undefined for HTTP-01 without a gateway to answer through. Pure. */
export function acmeSolver(input: IssuerSolverInput): Record<string, unknown> | undefined {
    if (input.solver === "route53") {
        if (input.route53HostedZoneId === undefined) throw new Error("the route53 solver needs a hosted zone id");
        return { dns01: { route53: { region: input.region, hostedZoneID: input.route53HostedZoneId } } };
    }
    if (input.gateway === undefined) return undefined;
    return {
        http01: {
            gatewayHTTPRoute: {
                parentRefs: [
                    {
                        group: "gateway.networking.k8s.io",
                        kind: "Gateway",
                        name: input.gateway.name,
                        namespace: input.gateway.namespace,
                        sectionName: input.gateway.sectionName,
                    },
                ],
            },
        },
    };
}

/** A Let's Encrypt ClusterIssuer manifest. Pure. */
export function clusterIssuerManifest(
    issuer: ClusterIssuerName,
    email: string,
    solver: Record<string, unknown>,
): Record<string, unknown> {
    return {
        apiVersion: "cert-manager.io/v1",
        kind: "ClusterIssuer",
        metadata: { name: issuer },
        spec: {
            acme: {
                server: ACME_SERVERS[issuer],
                email,
                // The ACME account key, kept in the cert-manager namespace (clusterResourceNamespace).
                privateKeySecretRef: { name: `${issuer}-account-key` },
                solvers: [solver],
            },
        },
    };
}

/**
 * What the DNS-01 solver may do, per cert-manager's Route 53 documentation: read change status, list zones, and
 * change only TXT records in the one hosted zone.
 */
export function route53SolverPolicy(hostedZoneId: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "route53:GetChange", Resource: "arn:aws:route53:::change/*" },
            {
                Effect: "Allow",
                Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"],
                Resource: `arn:aws:route53:::hostedzone/${hostedZoneId}`,
                Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] } },
            },
            { Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
        ],
    };
}

export interface CertManagerArgs {
    readonly environment: Environment;
    readonly settings: PlatformConfig["certManager"];
    readonly cluster: ClusterInfo;
    /** The release waits for its pods (and its startupapicheck job) on the system tier. */
    readonly nodeGroups: TierNodeGroups;
    /** The cert-manager namespace (an Output of the Namespace, so the release waits for it). */
    readonly namespace: pulumi.Input<string>;
    /**
     * The Gateway API CRDs: with Gateway API support on (`config.enableGatewayAPI`), the controller refuses to start
     * while they are missing, so the release must wait for them.
     */
    readonly gatewayApiCrds: pulumi.Resource;
    /**
     * The listener the HTTP-01 solver attaches to; undefined when the gateway is disabled, and then the HTTP-01
     * issuers are not created (nothing could answer their challenges; the DNS-01 solver needs no gateway).
     */
    readonly gateway?: GatewayListenerRef;
}

/** The cert-manager release and the Let's Encrypt ClusterIssuers. */
export class CertManager extends pulumi.ComponentResource {
    /** Installs the cert-manager CRDs: Certificates and Issuers depend on it. */
    readonly release: k8s.helm.v3.Release;
    /** The ClusterIssuers, by name; none with HTTP-01 and no gateway to answer the challenges. */
    readonly issuers: Partial<Record<ClusterIssuerName, k8s.apiextensions.CustomResource>>;

    constructor(name: string, args: CertManagerArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:CertManager", name, {}, opts);
        const { cluster, settings } = args;
        const route53 = settings.solver === "route53" && settings.route53HostedZoneId !== undefined;
        const role = route53
            ? irsaRole(
                  `${name}-route53`,
                  {
                      cluster,
                      namespace: PLATFORM_NAMESPACES.certManager.name,
                      serviceAccount: CERT_MANAGER_SERVICE_ACCOUNT,
                      policyJson: JSON.stringify(route53SolverPolicy(settings.route53HostedZoneId!)),
                  },
                  { parent: this },
              )
            : undefined;
        const values = role
            ? role.arn.apply((route53RoleArn) => certManagerValues({ environment: args.environment, route53RoleArn }))
            : certManagerValues({ environment: args.environment });
        this.release = pinnedRelease(
            `${name}-release`,
            { pin: CERT_MANAGER_PIN, namespace: args.namespace, values },
            { parent: this, provider: cluster.provider, dependsOn: [args.nodeGroups.system, args.gatewayApiCrds] },
        );
        const solver = acmeSolver({
            solver: settings.solver,
            gateway: args.gateway,
            region: cluster.region,
            route53HostedZoneId: settings.route53HostedZoneId,
        });
        const issuers = (solver ? CLUSTER_ISSUERS : []).map((issuer) => {
            const resource = new k8s.apiextensions.CustomResource(
                `${name}-${issuer}`,
                clusterIssuerManifest(issuer, settings.email, solver!) as k8s.apiextensions.CustomResourceArgs,
                { parent: this, provider: cluster.provider, dependsOn: [this.release] },
            );
            return [issuer, resource] as const;
        });
        this.issuers = Object.fromEntries(issuers);
        this.registerOutputs({ release: this.release });
    }
}
