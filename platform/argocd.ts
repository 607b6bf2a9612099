/**
 * Argo CD: GitOps delivery for the application teams. Controllers on the system tier, its Redis cache on the data
 * tier, the chart's documented HA values in prod, the API server reachable only by port-forward (ClusterIP, no
 * Ingress/HTTPRoute, TLS on its own port), an admin password from @pulumi/random stored as the chart expects
 * (bcrypt hash + mtime), and an optional app-of-apps Application when a Git repository is configured.
 *
 * Platform (platform/index.ts) composes it as:
 *   const argocd = new ArgoCd(`${name}-argocd`, {
 *       config, cluster, nodeGroups, namespace: namespaces.argocd, // createNamespaces(...) in platform/namespaces.ts
 *   }, { parent: this });
 *   // crds.argocd = argocd.release
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { ClusterInfo, TierNodeGroups } from "../infra/cluster-info";
import type { Environment } from "../config";
import type { ArgoCdConfig } from "../config/platform/argocd";
import { placement } from "../infra/tiers";
import { ChartPin, pinnedRelease } from "./release";

/** tests/fixtures/charts/argo-cd/Chart.yaml (a copy of ../shared/charts); the repository is argo-helm's. */
export const ARGOCD_PIN: ChartPin = {
    chart: "argo-cd",
    version: "10.1.1",
    repository: "https://argoproj.github.io/argo-helm",
};

/** Helm release name; with the chart's nameOverride "argocd" the resources are named argocd-<component>. */
export const ARGOCD_RELEASE_NAME = "argocd";

/** What decides the chart values; everything else is fixed. */
export interface ArgoCdValuesInput {
    /** The chart's documented HA values (redis-ha, two replicas of the stateless servers, PDBs, zone spread). */
    readonly ha: boolean;
    /** bcrypt hash of the admin password (never the password); a secret Output stays secret inside the values. */
    readonly adminPasswordHash: pulumi.Input<string>;
    /** When the password was set; Argo CD invalidates sessions issued before it. */
    readonly adminPasswordMtime: string;
}

const zoneSpread = [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" }];

/** Values for the argo-cd chart. Pure. */
export function argocdValues(input: ArgoCdValuesInput): Record<string, unknown> {
    const system = placement("system");
    const data = placement("data");
    const replicas = input.ha ? 2 : 1;
    const pdb = input.ha ? { enabled: true, minAvailable: 1 } : { enabled: false };
    return {
        global: {
            // Every component defaults to the system tier; a component-level nodeSelector replaces this one.
            nodeSelector: system.nodeSelector,
            tolerations: system.tolerations,
            // Without a labelSelector the chart uses each component's own selector.
            topologySpreadConstraints: input.ha ? zoneSpread : [],
        },
        configs: {
            secret: {
                argocdServerAdminPassword: input.adminPasswordHash,
                // Without a fixed mtime the chart stamps `now` on every upgrade and logs every user out.
                argocdServerAdminPasswordMtime: input.adminPasswordMtime,
            },
        },
        // No SSO is configured; Dex would sit idle. Enable it with configs.cm dex.config when an IdP exists.
        dex: { enabled: false },
        // The documented HA values: the controller shards by cluster, so one replica serves the one cluster.
        controller: { replicas: 1 },
        server: {
            replicas,
            pdb,
            // Reached by `kubectl port-forward` only: nothing exposes the UI/API outside the cluster.
            service: { type: "ClusterIP" },
            ingress: { enabled: false },
            httproute: { enabled: false },
        },
        repoServer: { replicas, pdb },
        applicationSet: { replicas, pdb },
        // Redis holds Argo CD's cache: the data tier, like every stateful set.
        redis: { nodeSelector: data.nodeSelector, tolerations: data.tolerations },
        "redis-ha": {
            enabled: input.ha,
            // The subchart reads these top-level keys for both the Redis servers and HAProxy.
            nodeSelector: data.nodeSelector,
            tolerations: data.tolerations,
            ...(input.ha
                ? {
                      topologySpreadConstraints: { enabled: true },
                      podDisruptionBudget: { maxUnavailable: 1 },
                      haproxy: { podDisruptionBudget: { maxUnavailable: 1 } },
                  }
                : {}),
        },
    };
}

export interface BootstrapApplicationInput {
    readonly name: string;
    readonly namespace: string;
    readonly repoURL: string;
    readonly path: string;
    readonly targetRevision: string;
}

/**
 * The app-of-apps Application: syncs the Applications kept in Git into Argo CD's namespace. No
 * resources-finalizer, so removing the bootstrap from config never cascades into deleting every application.
 */
export function bootstrapApplication(input: BootstrapApplicationInput): {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: Record<string, unknown>;
} {
    return {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Application",
        metadata: { name: input.name, namespace: input.namespace, labels: { "app.kubernetes.io/part-of": "terrace" } },
        spec: {
            project: "default",
            source: { repoURL: input.repoURL, path: input.path, targetRevision: input.targetRevision },
            // Child Applications live next to Argo CD; their own destinations name the workload namespaces.
            destination: { server: "https://kubernetes.default.svc", namespace: input.namespace },
            syncPolicy: {
                automated: { prune: true, selfHeal: true },
                retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
            },
        },
    };
}

/** HA follows the environment: the chart's HA mode needs three nodes per tier, which only prod guarantees. */
export function argocdHa(environment: Environment): boolean {
    return environment === "prod";
}

export interface ArgoCdArgs {
    /** The stack's profile (dev, staging, prod): decides the defaults under the settings. */
    readonly environment: Environment;
    /** `terrace:platform.argocd`. */
    readonly settings: ArgoCdConfig;
    /** The cluster whose Kubernetes provider installs the release. */
    readonly cluster: ClusterInfo;
    /** The node groups; the release waits for the system and data tiers its pods run on. */
    readonly nodeGroups: TierNodeGroups;
    /** The namespace (platform/namespaces.ts creates it with its Pod Security labels); the release waits for it. */
    readonly namespace: k8s.core.v1.Namespace;
}

/** Argo CD: the release, its admin password and the optional bootstrap Application. */
export class ArgoCd extends pulumi.ComponentResource {
    /** The release; it installs the Application/AppProject CRDs (PlatformOutputs.crds.argocd). */
    readonly release: k8s.helm.v3.Release;
    /** The admin password, a Pulumi secret (`pulumi stack output --show-secrets` if exported). */
    readonly adminPassword: pulumi.Output<string>;
    /** The app-of-apps Application, when `terrace:platform.argocd.bootstrap` is set. */
    readonly bootstrap?: k8s.apiextensions.CustomResource;

    constructor(name: string, args: ArgoCdArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("terrace:platform:ArgoCd", name, {}, opts);
        const settings = args.settings;
        const password = new random.RandomPassword(
            `${name}-admin-password`,
            // Rotating the timestamp replaces the password, so hash and mtime always change together.
            { length: 32, special: false, keepers: { rotatedAt: settings.adminPasswordRotatedAt } },
            { parent: this },
        );
        this.adminPassword = pulumi.secret(password.result);
        const ha = argocdHa(args.environment);
        this.release = pinnedRelease(
            `${name}-release`,
            {
                pin: ARGOCD_PIN,
                // Release "argocd" makes the chart's names the upstream ones (argocd-server, argocd-repo-server).
                releaseName: ARGOCD_RELEASE_NAME,
                namespace: args.namespace.metadata.name,
                // Only the hash is secret; the rest of the values stays reviewable in the plan.
                values: argocdValues({
                    ha,
                    adminPasswordHash: pulumi.secret(password.bcryptHash),
                    adminPasswordMtime: settings.adminPasswordRotatedAt,
                }),
            },
            {
                parent: this,
                provider: args.cluster.provider,
                dependsOn: [args.nodeGroups.system, args.nodeGroups.data],
            },
        );
        const bootstrap = settings.bootstrap;
        if (bootstrap) {
            const manifest = args.namespace.metadata.name.apply((namespace) =>
                bootstrapApplication({ name: "bootstrap", namespace, ...bootstrap }),
            );
            this.bootstrap = new k8s.apiextensions.CustomResource(
                `${name}-bootstrap`,
                {
                    apiVersion: "argoproj.io/v1alpha1",
                    kind: "Application",
                    metadata: manifest.metadata,
                    spec: manifest.spec,
                },
                // The Application CRD comes with the release.
                { parent: this, provider: args.cluster.provider, dependsOn: [this.release] },
            );
        }
        this.registerOutputs({ release: this.release, adminPassword: this.adminPassword, bootstrap: this.bootstrap });
    }
}
