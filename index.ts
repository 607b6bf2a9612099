/**
 * Terrace: one stack per environment. This file only composes the layers (DESIGN.md) and exports outputs;
 * every resource is made in the module named on its line.
 */
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "./infra/cluster";
import { loadConfig } from "./config";
import { CoreDns } from "./infra/coredns";
import { Database } from "./infra/database";
import { Network } from "./infra/network";
import { NodeTiers } from "./infra/node-tiers";
import { TIER_NAMES } from "./infra/tiers";
import { Apps } from "./apps";
import { CiliumNetworking } from "./platform/cilium";
import { Platform } from "./platform";

const config = loadConfig();
const eksClusterName = `${config.project}-${config.stack}`;
const tags = { "terrace/stack": config.stack, "terrace/environment": config.environment, "managed-by": "pulumi" };

const network = new Network("network", { config: config.network, clusterName: eksClusterName, tags });

const cluster = new Cluster("cluster", {
    clusterName: eksClusterName,
    environment: config.environment,
    region: config.region,
    config: config.cluster,
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnetIds,
    publicSubnetIds: network.publicSubnetIds,
    logRetentionDays: config.network.logRetentionDays,
    tags,
});

// The database needs only the network: it is created in parallel with the cluster.
const database = new Database("database", {
    identifier: eksClusterName,
    environment: config.environment,
    config: config.database,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    logRetentionDays: config.network.logRetentionDays,
    tags,
});

// Nodes have no pod network until Cilium runs: it goes after the control plane and before the node groups.
const networking = new CiliumNetworking("cilium", {
    environment: config.environment,
    settings: config.platform.cilium,
    cluster: cluster.info,
});

const tiers = new NodeTiers("tiers", {
    clusterName: cluster.info.name,
    kubernetesVersion: config.cluster.kubernetesVersion,
    environment: config.environment,
    config: config.tiers,
    subnetIds: network.privateSubnetIds,
    securityGroupIds: [cluster.info.nodeSecurityGroupId, database.clientSecurityGroupId],
    waitFor: [networking],
    tags,
});

new CoreDns("coredns", {
    clusterName: cluster.info.name,
    environment: config.environment,
    systemNodes: tiers.nodeGroups.system,
});

const platform = new Platform("platform", { config, cluster: cluster.info, nodeGroups: tiers.nodeGroups, networking });

const apps = new Apps("apps", { config, cluster: cluster.info, platform: platform.outputs, database: database.info });

export const clusterName = cluster.info.name;
export const kubeconfig = pulumi.secret(cluster.kubeconfig);
export const oidcProviderArn = cluster.info.oidcProviderArn;
export const vpcId = network.vpcId;
export const publicSubnetIds = network.publicSubnetIds;
export const privateSubnetIds = network.privateSubnetIds;
export const databaseEndpoint = database.info.address;
export const databasePort = database.info.port;
export const databaseName = database.info.name;
export const tierNames = [...TIER_NAMES];
/** Admin passwords of the enabled add-on UIs, by add-on (argocd, grafana): `pulumi stack output adminPasswords --show-secrets`. */
export const adminPasswords = pulumi.secret(platform.adminPasswords);
export const appUrls = apps.urls;
export const appNamespace = apps.namespace;
export const backupBucket = apps.backupBucket;
