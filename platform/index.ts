/**
 * The platform layer: every add-on that runs on the cluster between the node groups and the applications.
 * Cilium is not here: it must run before the node groups exist, so index.ts creates CiliumNetworking
 * (platform/cilium.ts) first and hands it in. Each add-on is one file in this folder; this component only
 * wires them: which namespace, which tier's nodes they wait for, and which CRDs their custom resources need.
 * Add-ons that do not need each other do not wait for each other.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { TerraceConfig } from "../config";
import { defaultClusterIssuer } from "../config/platform";
import { ArgoCd } from "./argocd";
import { CertManager } from "./cert-manager";
import type { CiliumNetworking } from "./cilium";
import { EbsCsiDriver } from "./ebs-csi";
import {
    GATEWAY_NAME,
    hstsResponseHeaderFilter,
    HTTP_SECTION_NAME,
    HTTPS_SECTION_NAME,
    IngressGateway,
} from "./gateway";
import { Kyverno } from "./kyverno";
import { LoadBalancerController } from "./load-balancer-controller";
import { metricsServer } from "./metrics-server";
import { Monitoring } from "./monitoring";
import { createNamespaces, namespaceNames } from "./namespaces";
import type { PlatformOutputs } from "./outputs";
import { DEFAULT_STORAGE_CLASS, defaultStorageClass } from "./storage-class";
import { Velero } from "./velero";

export type { PlatformOutputs } from "./outputs";

export interface PlatformArgs {
    /** The validated stack configuration (`terrace:platform`, the environment, the apps namespace). */
    readonly config: TerraceConfig;
    readonly cluster: ClusterInfo;
    /** Releases wait for the node group of the tier their pods run on (Helm waits for readiness). */
    readonly nodeGroups: TierNodeGroups;
    /** Cilium and the Gateway API CRDs, created before the node groups. */
    readonly networking: CiliumNetworking;
}

/** The platform add-ons; `outputs` is what the application layer builds on. */
export class Platform extends pulumi.ComponentResource {
    readonly outputs: PlatformOutputs;
    /** Generated admin passwords of the add-on UIs (Pulumi secrets), for `pulumi stack output --show-secrets`. */
    readonly adminPasswords: { readonly argocd: pulumi.Output<string>; readonly grafana: pulumi.Output<string> };

    constructor(name: string, args: PlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:Platform", name, {}, opts);
        const { config, cluster, nodeGroups, networking } = args;
        const platform = config.platform;
        const names = namespaceNames();
        const namespaces = createNamespaces(name, cluster.provider, this);
        const applicationNamespaces = [config.apps.namespace];

        // Storage and metrics: EKS add-ons and a StorageClass, independent of everything else.
        new EbsCsiDriver(`${name}-ebs-csi`, { environment: config.environment, cluster, nodeGroups }, { parent: this });
        const storageClass = defaultStorageClass(
            `${name}-gp3`,
            { environment: config.environment, provider: cluster.provider },
            { parent: this },
        );
        metricsServer(
            `${name}-metrics-server`,
            { environment: config.environment, cluster, nodeGroups },
            { parent: this },
        );

        // Ingress: the load balancer controller, cert-manager with its issuers, then the Gateway that needs both.
        const loadBalancerController = new LoadBalancerController(
            `${name}-aws-load-balancer-controller`,
            { environment: config.environment, cluster, nodeGroups },
            { parent: this },
        );
        const gatewayListener = { name: GATEWAY_NAME, namespace: names.gateway, sectionName: HTTP_SECTION_NAME };
        const certManager = new CertManager(
            `${name}-cert-manager`,
            {
                environment: config.environment,
                settings: platform.certManager,
                cluster,
                nodeGroups,
                namespace: namespaces.certManager.metadata.name,
                gatewayApiCrds: networking.gatewayApiCrds,
                gateway: gatewayListener,
            },
            { parent: this },
        );
        const clusterIssuer = defaultClusterIssuer(platform, config.environment);
        const gateway = new IngressGateway(
            `${name}-gateway`,
            {
                environment: config.environment,
                settings: platform.gateway,
                domain: platform.domain,
                routeNamespaces: platform.gateway.routeNamespaces ?? applicationNamespaces,
                cluster,
                namespace: namespaces.gateway.metadata.name,
                namespaceName: names.gateway,
                gatewayClassName: networking.gatewayClassName,
                gatewayApiCrds: networking.gatewayApiCrds,
                gatewayController: networking.release,
                loadBalancerController: loadBalancerController.release,
                certManager: certManager.release,
                issuer: { name: clusterIssuer, resource: certManager.issuers[clusterIssuer] },
            },
            { parent: this },
        );

        // Part B's add-ons (GitOps, monitoring, backups, policy): each on its own, in its own namespace.
        const argocd = new ArgoCd(
            `${name}-argocd`,
            { config, cluster, nodeGroups, namespace: namespaces.argocd },
            { parent: this },
        );
        const monitoring = new Monitoring(
            `${name}-monitoring`,
            { config, cluster, nodeGroups, namespace: namespaces.monitoring, storageClass: storageClass.metadata.name },
            { parent: this },
        );
        new Velero(
            `${name}-velero`,
            { config, cluster, nodeGroups, namespace: namespaces.velero, applicationNamespaces },
            { parent: this },
        );
        const kyverno = new Kyverno(
            `${name}-kyverno`,
            { config, cluster, nodeGroups, namespace: namespaces.kyverno, applicationNamespaces },
            { parent: this },
        );

        this.adminPasswords = {
            argocd: pulumi.secret(argocd.adminPassword),
            grafana: pulumi.secret(monitoring.grafanaAdminPassword),
        };
        this.outputs = {
            gateway: {
                name: GATEWAY_NAME,
                namespace: names.gateway,
                httpsSectionName: HTTPS_SECTION_NAME,
                hostnames: gateway.hostnames,
                httpsRouteFilters: [hstsResponseHeaderFilter(platform.gateway.hstsMaxAgeSeconds)],
            },
            clusterIssuer,
            storageClass: DEFAULT_STORAGE_CLASS,
            crds: {
                certManager: certManager.release,
                prometheusOperator: monitoring.release,
                argocd: argocd.release,
                gatewayApi: networking.gatewayApiCrds,
                kyverno: kyverno.release,
            },
            namespaces: names,
        };
        this.registerOutputs({
            gateway: this.outputs.gateway,
            clusterIssuer,
            storageClass: this.outputs.storageClass,
            namespaces: names,
        });
    }
}
