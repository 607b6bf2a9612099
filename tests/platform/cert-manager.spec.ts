import * as assert from "node:assert/strict";
import { CLUSTER_ISSUERS, defaultClusterIssuer, PlatformConfig } from "../../config/platform";
import { placement } from "../../infra/tiers";
import {
    ACME_SERVERS,
    acmeSolver,
    CERT_MANAGER_PIN,
    certManagerValues,
    clusterIssuerManifest,
    route53SolverPolicy,
} from "../../platform/cert-manager";
import { GATEWAY_NAME, HTTP_SECTION_NAME } from "../../platform/gateway";
import { chartMetadata, schemaErrors, unknownValueKeys } from "../support/chart-values";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ClusterIssuer } = require("@kubernetes-models/cert-manager/cert-manager.io/v1") as {
    ClusterIssuer: new (o: unknown) => { validate(): void };
};

type Values = Record<string, any>;

const dev = certManagerValues({ environment: "dev" }) as Values;
const prod = certManagerValues({ environment: "prod" }) as Values;
const gateway = { name: GATEWAY_NAME, namespace: "gateway", sectionName: HTTP_SECTION_NAME };

describe("cert-manager", () => {
    it("pins the vendored chart's version from the Jetstack repository", () => {
        assert.equal(CERT_MANAGER_PIN.chart, chartMetadata("cert-manager").name);
        assert.equal(CERT_MANAGER_PIN.version, chartMetadata("cert-manager").version);
        assert.equal(CERT_MANAGER_PIN.repository, "https://charts.jetstack.io");
    });

    describe("values", () => {
        it("use only keys the chart's values.yaml and closed schema know", () => {
            assert.deepEqual(unknownValueKeys("cert-manager", dev), []);
            assert.deepEqual(unknownValueKeys("cert-manager", prod), []);
            assert.deepEqual(
                unknownValueKeys("cert-manager", certManagerValues({ environment: "prod", route53RoleArn: "arn" })),
                [],
            );
        });

        it("pass the chart's values.schema.json", () => {
            assert.deepEqual(schemaErrors("cert-manager", dev), []);
            assert.deepEqual(schemaErrors("cert-manager", prod), []);
        });

        it("install the CRDs with the chart and keep them on uninstall", () => {
            assert.deepEqual(dev.crds, { enabled: true, keep: true });
        });

        it("turn on Gateway API support for the HTTP-01 solver", () => {
            assert.equal(dev.config.enableGatewayAPI, true);
            assert.equal(dev.config.kind, "ControllerConfiguration");
        });

        it("place every component on the system tier", () => {
            for (const component of [dev, dev.webhook, dev.cainjector, dev.startupapicheck]) {
                assert.deepEqual(component.nodeSelector, placement("system").nodeSelector);
            }
        });

        it("run 2 controllers, 3 webhooks and 2 cainjectors with PDBs and zone spread in prod", () => {
            assert.equal(prod.replicaCount, 2);
            assert.equal(prod.webhook.replicaCount, 3);
            assert.equal(prod.cainjector.replicaCount, 2);
            for (const component of [prod, prod.webhook, prod.cainjector]) {
                assert.deepEqual(component.podDisruptionBudget, { enabled: true, minAvailable: 1 });
                assert.equal(component.topologySpreadConstraints[0].topologyKey, "topology.kubernetes.io/zone");
            }
        });

        it("run one of each without PDBs in dev", () => {
            for (const component of [dev, dev.webhook, dev.cainjector]) {
                assert.equal(component.replicaCount, 1);
                assert.equal(component.podDisruptionBudget.enabled, false);
            }
        });

        it("annotate the controller's service account only for the Route 53 solver", () => {
            assert.equal("serviceAccount" in dev, false);
            const route53 = certManagerValues({
                environment: "dev",
                route53RoleArn: "arn:aws:iam::1:role/r",
            }) as Values;
            assert.equal(route53.serviceAccount.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::1:role/r");
        });
    });

    describe("ClusterIssuers", () => {
        const http01 = acmeSolver({ solver: "http01", gateway, region: "eu-west-1" })!;

        it("have no HTTP-01 solver without a gateway to answer through (the gateway is disabled)", () => {
            assert.equal(acmeSolver({ solver: "http01", region: "eu-west-1" }), undefined);
            assert.ok(acmeSolver({ solver: "route53", region: "eu-west-1", route53HostedZoneId: "Z123" }));
        });

        it("exist for Let's Encrypt staging and prod, each with its ACME server", () => {
            for (const issuer of CLUSTER_ISSUERS) {
                const manifest = clusterIssuerManifest(issuer, "ops@example.com", http01) as Values;
                assert.equal(manifest.metadata.name, issuer);
                assert.equal(manifest.spec.acme.server, ACME_SERVERS[issuer]);
                assert.equal(manifest.spec.acme.email, "ops@example.com");
            }
            assert.match(ACME_SERVERS["letsencrypt-staging"], /acme-staging-v02/);
            assert.match(ACME_SERVERS["letsencrypt-prod"], /\/\/acme-v02/);
        });

        it("answer HTTP-01 through the platform Gateway's plain-HTTP listener", () => {
            const ref = (http01 as Values).http01.gatewayHTTPRoute.parentRefs[0];
            assert.deepEqual(ref, {
                group: "gateway.networking.k8s.io",
                kind: "Gateway",
                name: GATEWAY_NAME,
                namespace: "gateway",
                sectionName: "http",
            });
        });

        it("answer DNS-01 in the configured Route 53 zone", () => {
            const dns01 = acmeSolver({
                solver: "route53",
                gateway,
                region: "eu-west-1",
                route53HostedZoneId: "Z123",
            }) as Values;
            assert.deepEqual(dns01.dns01.route53, { region: "eu-west-1", hostedZoneID: "Z123" });
            assert.throws(() => acmeSolver({ solver: "route53", gateway, region: "eu-west-1" }), /hosted zone/);
        });

        it("are valid cert-manager ClusterIssuer objects", () => {
            const dns01 = acmeSolver({ solver: "route53", gateway, region: "eu-west-1", route53HostedZoneId: "Z123" })!;
            for (const solver of [http01, dns01])
                new ClusterIssuer(clusterIssuerManifest("letsencrypt-prod", "ops@example.com", solver)).validate();
        });

        it("default to prod in prod and to staging elsewhere, unless one is configured", () => {
            const settings = (issuer?: "letsencrypt-staging" | "letsencrypt-prod") =>
                ({ certManager: { email: "ops@example.com", solver: "http01", issuer } }) as unknown as PlatformConfig;
            assert.equal(defaultClusterIssuer(settings(), "prod"), "letsencrypt-prod");
            assert.equal(defaultClusterIssuer(settings(), "staging"), "letsencrypt-staging");
            assert.equal(defaultClusterIssuer(settings(), "dev"), "letsencrypt-staging");
            assert.equal(defaultClusterIssuer(settings("letsencrypt-prod"), "dev"), "letsencrypt-prod");
        });
    });

    describe("Route 53 solver policy", () => {
        const statements = route53SolverPolicy("Z123").Statement as {
            Action: string | string[];
            Resource: string;
            Condition?: Values;
        }[];

        it("changes records only in the one hosted zone, and only TXT records", () => {
            const change = statements.find((s) => [s.Action].flat().includes("route53:ChangeResourceRecordSets"))!;
            assert.equal(change.Resource, "arn:aws:route53:::hostedzone/Z123");
            assert.deepEqual(change.Condition, {
                "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
            });
        });

        it("grants nothing beyond Route 53", () => {
            assert.ok(statements.every((s) => [s.Action].flat().every((a) => a.startsWith("route53:"))));
        });
    });
});
