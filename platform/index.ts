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
import { enabledAddons, OptionalAddon } from "../config/platform/addons";
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
import {
    createNamespaces,
    namespaceKeys,
    namespaceNames,
    PLATFORM_NAMESPACES,
    PlatformNamespaceKey,
} from "./namespaces";
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
    readonly adminPasswords: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: PlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:Platform", name, {}, opts);
        const { config, cluster, nodeGroups, networking } = args;
        const { environment, platform } = config;
        const addons = enabledAddons(platform, environment);
        const on = (addon: OptionalAddon) => addons.has(addon);
        const keys = namespaceKeys(addons);
        const names = namespaceNames(keys);
        const namespaces = createNamespaces(name, keys, cluster.provider, this);
        const namespace = (key: PlatformNamespaceKey) => namespaces[key]!;
        const applicationNamespaces = [config.apps.namespace];

        // Storage and metrics: EKS add-ons and a StorageClass, independent of everything else.
        new EbsCsiDriver(`${name}-ebs-csi`, { environment, cluster, nodeGroups }, { parent: this });
        const storageClass = defaultStorageClass(
            `${name}-gp3`,
            { environment, provider: cluster.provider },
            { parent: this },
        );
        if (on("metricsServer")) {
            metricsServer(`${name}-metrics-server`, { environment, cluster, nodeGroups }, { parent: this });
        }

        // Ingress: the load balancer controller, cert-manager with its issuers, then the Gateway that needs both.
        const loadBalancerController = on("loadBalancerController")
            ? new LoadBalancerController(
                  `${name}-aws-load-balancer-controller`,
                  { environment, cluster, nodeGroups },
                  { parent: this },
              )
            : undefined;
        const gatewayListener = {
            name: GATEWAY_NAME,
            namespace: PLATFORM_NAMESPACES.gateway.name,
            sectionName: HTTP_SECTION_NAME,
        };
        const certManager = new CertManager(
            `${name}-cert-manager`,
            {
                environment,
                settings: platform.certManager,
                cluster,
                nodeGroups,
                namespace: namespace("certManager").metadata.name,
                gatewayApiCrds: networking.gatewayApiCrds,
                // HTTP-01 challenges are answered through the gateway; without it only DNS-01 can work.
                gateway: on("gateway") ? gatewayListener : undefined,
            },
            { parent: this },
        );
        const clusterIssuer = defaultClusterIssuer(platform, environment);
        // The config refuses a gateway without the load balancer controller (config/platform/addons.ts).
        const gateway =
            on("gateway") && loadBalancerController
                ? new IngressGateway(
                      `${name}-gateway`,
                      {
                          environment,
                          settings: platform.gateway,
                          domain: platform.domain,
                          routeNamespaces: platform.gateway.routeNamespaces ?? applicationNamespaces,
                          cluster,
                          namespace: namespace("gateway").metadata.name,
                          namespaceName: PLATFORM_NAMESPACES.gateway.name,
                          gatewayClassName: networking.gatewayClassName,
                          gatewayApiCrds: networking.gatewayApiCrds,
                          gatewayController: networking.release,
                          loadBalancerController: loadBalancerController.release,
                          certManager: certManager.release,
                          // With the gateway on, the issuers exist whatever the solver (HTTP-01 answers through it).
                          issuer: { name: clusterIssuer, resource: certManager.issuers[clusterIssuer]! },
                      },
                      { parent: this },
                  )
                : undefined;

        // GitOps, monitoring, backups, policy: each on its own, in its own namespace, each optional.
        const common = { environment, cluster, nodeGroups };
        const argocd = on("argocd")
            ? new ArgoCd(
                  `${name}-argocd`,
                  { ...common, settings: platform.argocd, namespace: namespace("argocd") },
                  { parent: this },
              )
            : undefined;
        const monitoring = on("monitoring")
            ? new Monitoring(
                  `${name}-monitoring`,
                  {
                      ...common,
                      settings: platform.monitoring,
                      namespace: namespace("monitoring"),
                      storageClass: storageClass.metadata.name,
                  },
                  { parent: this },
              )
            : undefined;
        if (on("velero")) {
            new Velero(
                `${name}-velero`,
                { ...common, settings: platform.velero, namespace: namespace("velero"), applicationNamespaces },
                { parent: this },
            );
        }
        const kyverno = on("kyverno")
            ? new Kyverno(
                  `${name}-kyverno`,
                  { ...common, settings: platform.kyverno, namespace: namespace("kyverno"), applicationNamespaces },
                  { parent: this },
              )
            : undefined;

        this.adminPasswords = {
            ...(argocd ? { argocd: pulumi.secret(argocd.adminPassword) } : {}),
            ...(monitoring ? { grafana: pulumi.secret(monitoring.grafanaAdminPassword) } : {}),
        };
        this.outputs = {
            addons,
            gateway: gateway && {
                name: GATEWAY_NAME,
                namespace: PLATFORM_NAMESPACES.gateway.name,
                httpsSectionName: HTTPS_SECTION_NAME,
                hostnames: gateway.hostnames,
                httpsRouteFilters: [hstsResponseHeaderFilter(platform.gateway.hstsMaxAgeSeconds)],
            },
            clusterIssuer,
            storageClass: DEFAULT_STORAGE_CLASS,
            crds: {
                certManager: certManager.release,
                prometheusOperator: monitoring?.release,
                argocd: argocd?.release,
                gatewayApi: networking.gatewayApiCrds,
                kyverno: kyverno?.release,
                ciliumPolicies: certManager.release,
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
