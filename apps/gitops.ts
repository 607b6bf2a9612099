/**
 * Optional GitOps for team applications: when `terrace:apps.gitops.repoURL` is set, an Argo CD AppProject that
 * confines the team to its repository and namespace, and an Application that keeps the namespace in sync with
 * it (automated prune and self-heal). The guard rails Pulumi owns (quota, limits, network policies, RBAC) are
 * off limits to the project, so a commit cannot loosen them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { GitopsConfig } from "../config/apps";
import { IApplication, IAppProject, ObjectMeta, Ownership, ownershipLabels } from "./k8s";

/** The in-cluster API server, as Argo CD names it. */
export const IN_CLUSTER = "https://kubernetes.default.svc";

/** Kinds the team's repository may not manage in its namespace. */
export const PLATFORM_OWNED_KINDS: readonly { group: string; kind: string }[] = [
    { group: "", kind: "ResourceQuota" },
    { group: "", kind: "LimitRange" },
    { group: "networking.k8s.io", kind: "NetworkPolicy" },
    { group: "cilium.io", kind: "CiliumNetworkPolicy" },
    { group: "rbac.authorization.k8s.io", kind: "Role" },
    { group: "rbac.authorization.k8s.io", kind: "RoleBinding" },
];

export interface GitopsInput {
    readonly gitops: GitopsConfig;
    /** The team's namespace (the application namespace). */
    readonly namespace: string;
    readonly argocdNamespace: string;
    readonly environment: string;
    readonly ownership: Ownership;
}

export function projectName(input: GitopsInput): string {
    return `${input.namespace}-team`;
}

function meta(name: string, input: GitopsInput): ObjectMeta {
    return {
        name,
        namespace: input.argocdNamespace,
        labels: { "app.kubernetes.io/part-of": "erp", ...ownershipLabels(input.ownership) },
    };
}

export function appProject(input: GitopsInput): IAppProject {
    return {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AppProject",
        metadata: meta(projectName(input), input),
        spec: {
            description: `Applications of team ${input.ownership.team} in namespace ${input.namespace}`,
            sourceRepos: [input.gitops.repoURL],
            destinations: [{ server: IN_CLUSTER, namespace: input.namespace }],
            // No cluster-scoped objects at all: namespaces, CRDs and cluster roles are the platform's.
            clusterResourceWhitelist: [],
            namespaceResourceBlacklist: PLATFORM_OWNED_KINDS.map((k) => ({ ...k })),
        },
    };
}

export function application(input: GitopsInput): IApplication {
    return {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Application",
        metadata: {
            ...meta(`${input.namespace}-apps`, input),
            // Deleting the Application deletes what it deployed, instead of orphaning it.
            finalizers: ["resources-finalizer.argocd.argoproj.io"],
        },
        spec: {
            project: projectName(input),
            source: {
                repoURL: input.gitops.repoURL,
                path: input.gitops.path ?? `envs/${input.environment}`,
                targetRevision: input.gitops.targetRevision,
            },
            destination: { server: IN_CLUSTER, namespace: input.namespace },
            syncPolicy: {
                automated: { prune: true, selfHeal: true },
                // The namespace exists (Pulumi made it, with its labels); Argo CD must not create another.
                syncOptions: ["CreateNamespace=false", "PrunePropagationPolicy=foreground"],
                retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "3m" } },
            },
        },
    };
}

/** Argo CD's repository credentials Secret, for a private repository (the token is a Pulumi secret). */
export function repositorySecretMeta(input: GitopsInput): ObjectMeta {
    const m = meta(`${input.namespace}-repo`, input);
    return { ...m, labels: { ...m.labels, "argocd.argoproj.io/secret-type": "repository" } };
}

export interface TeamGitopsArgs {
    readonly input: GitopsInput;
    /** Token for a private repository (`terrace:appsGitopsToken`); default none (public repository). */
    readonly token?: pulumi.Output<string>;
    /** The release that installs Argo CD's CRDs. */
    readonly argocd: pulumi.Resource;
    /** The application namespace and its guard rails: the Application deploys into it. */
    readonly namespaceReady: readonly pulumi.Resource[];
}

export class TeamGitops extends pulumi.ComponentResource {
    constructor(name: string, args: TeamGitopsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:TeamGitops", name, {}, opts);
        const after = [...args.namespaceReady, args.argocd];
        const project = new k8s.apiextensions.CustomResource(`${name}-project`, appProject(args.input), {
            parent: this,
            dependsOn: after,
        });
        const ready: pulumi.Resource[] = [project];
        if (args.token) {
            ready.push(
                new k8s.core.v1.Secret(
                    `${name}-repository`,
                    {
                        metadata: repositorySecretMeta(args.input),
                        type: "Opaque",
                        stringData: {
                            type: "git",
                            url: args.input.gitops.repoURL,
                            username: args.input.gitops.username,
                            password: args.token,
                        },
                    },
                    { parent: this, dependsOn: after },
                ),
            );
        }
        new k8s.apiextensions.CustomResource(`${name}-application`, application(args.input), {
            parent: this,
            dependsOn: [...after, ...ready],
        });
        this.registerOutputs({});
    }
}
