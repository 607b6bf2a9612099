/**
 * A program with only the application layer, for the Apps component spec: the stack's real configuration,
 * and stand-ins for what the other layers hand over (a hand-made PlatformOutputs, ClusterInfo, DatabaseInfo).
 * Run by run-apps.ts under the offline harness's mocks.
 */
import { OPTIONAL_ADDONS } from "../../../config/platform/addons";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Apps } from "../../../apps";
import type { ClusterInfo } from "../../../infra/cluster-info";
import { loadConfig } from "../../../config";
import type { DatabaseInfo } from "../../../infra/database-info";
import type { PlatformOutputs } from "../../../platform/outputs";
import { DATABASE_PASSWORD } from "./apps-plans";
import { hstsResponseHeaderFilter } from "../../../platform/gateway";

/** A resource that only stands for one of another layer (a release, the RDS instance). */
class StandIn extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:index:StandIn", name, {}, {});
    }
}

const config = loadConfig();
const issuer = "oidc.eks.eu-west-1.amazonaws.com/id/STANDIN";
const cluster: ClusterInfo = {
    name: pulumi.output("standin"),
    endpoint: pulumi.output("https://standin.example"),
    oidcProviderArn: pulumi.output(`arn:aws:iam::111122223333:oidc-provider/${issuer}`),
    oidcProviderUrl: pulumi.output(issuer),
    provider: new k8s.Provider("standin-k8s", { kubeconfig: "{}" }),
    controlPlane: new StandIn("control-plane"),
    nodeSecurityGroupId: pulumi.output("sg-standin"),
    vpcId: pulumi.output("vpc-standin"),
    region: config.region,
    accountId: pulumi.output("111122223333"),
};
const platform: PlatformOutputs = {
    addons: new Set(OPTIONAL_ADDONS),
    gateway: {
        name: "shared",
        namespace: "gateway",
        httpsSectionName: "https",
        httpsRouteFilters: [hstsResponseHeaderFilter(31536000)],
        hostnames: { app: "app.standin.example", api: "api.standin.example" },
    },
    clusterIssuer: "letsencrypt-staging",
    storageClass: "gp3-encrypted",
    crds: {
        certManager: new StandIn("cert-manager"),
        prometheusOperator: new StandIn("prometheus-operator"),
        argocd: new StandIn("argocd"),
        gatewayApi: new StandIn("gateway-api"),
        kyverno: new StandIn("kyverno"),
        ciliumPolicies: new StandIn("cert-manager"),
    },
    namespaces: {
        gateway: "gateway",
        certManager: "cert-manager",
        argocd: "argocd",
        monitoring: "monitoring",
        velero: "velero",
        kyverno: "kyverno",
    },
};
const database: DatabaseInfo = {
    address: pulumi.output("standin.rds.example"),
    port: pulumi.output(5432),
    name: config.database.name,
    username: config.database.masterUsername,
    password: pulumi.secret(DATABASE_PASSWORD),
    instance: new StandIn("rds"),
};

const apps = new Apps("apps", { config, cluster, platform, database });

export const namespace = apps.namespace;
export const urls = apps.urls;
export const backupBucket = apps.backupBucket;
