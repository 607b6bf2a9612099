/**
 * Two roles for people and tools working on the application, each bound to its own ServiceAccount (whose token
 * is requested on demand with `kubectl create token`, never mounted): an operator who can read and restart,
 * and a viewer who can only read. Neither can read Secrets.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { asInput, IRole, IRoleBinding, IServiceAccount, Ownership, ownershipLabels } from "./k8s";

export const OPERATOR = "app-operator";
export const VIEWER = "app-viewer";

type PolicyRule = NonNullable<IRole["rules"]>[number];

/**
 * Read pods, services and config maps; get, list, watch and patch deployments. Patch is what
 * `kubectl rollout restart` and `kubectl scale` need; get/watch let kubectl read the object and follow the rollout.
 */
export const OPERATOR_RULES: readonly PolicyRule[] = [
    { apiGroups: [""], resources: ["pods", "services", "configmaps"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "patch"] },
];

/** Read the workloads and their state; no Secrets, no logs, no exec. */
export const VIEWER_RULES: readonly PolicyRule[] = [
    {
        apiGroups: [""],
        resources: ["pods", "services", "configmaps", "endpoints", "events", "persistentvolumeclaims"],
        verbs: ["get", "list", "watch"],
    },
    { apiGroups: ["apps"], resources: ["deployments", "replicasets", "statefulsets"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
];

export interface RbacManifests {
    readonly serviceAccounts: IServiceAccount[];
    readonly roles: IRole[];
    readonly bindings: IRoleBinding[];
}

export function rbacManifests(namespace: string, ownership: Ownership): RbacManifests {
    const labels = { "app.kubernetes.io/part-of": "erp", ...ownershipLabels(ownership) };
    const meta = (name: string) => ({ name, namespace, labels: { ...labels } });
    const pairs: [string, readonly PolicyRule[]][] = [
        [OPERATOR, OPERATOR_RULES],
        [VIEWER, VIEWER_RULES],
    ];
    return {
        serviceAccounts: pairs.map(([name]) => ({
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: meta(name),
            automountServiceAccountToken: false,
        })),
        roles: pairs.map(([name, rules]) => ({
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "Role",
            metadata: meta(name),
            rules: rules.map((r) => ({
                apiGroups: [...r.apiGroups!],
                resources: [...r.resources!],
                verbs: [...r.verbs],
            })),
        })),
        bindings: pairs.map(([name]) => ({
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "RoleBinding",
            metadata: meta(name),
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
            subjects: [{ kind: "ServiceAccount", name, namespace }],
        })),
    };
}

export interface AppRbacArgs {
    readonly namespace: string;
    readonly ownership: Ownership;
    readonly namespaceReady: readonly pulumi.Resource[];
}

export class AppRbac extends pulumi.ComponentResource {
    constructor(name: string, args: AppRbacArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:apps:AppRbac", name, {}, opts);
        const m = rbacManifests(args.namespace, args.ownership);
        const base = { parent: this, dependsOn: [...args.namespaceReady] };
        m.serviceAccounts.forEach(
            (sa) =>
                new k8s.core.v1.ServiceAccount(
                    `${name}-${sa.metadata!.name}-sa`,
                    asInput<k8s.core.v1.ServiceAccountArgs>(sa),
                    base,
                ),
        );
        const roles = m.roles.map(
            (role) => new k8s.rbac.v1.Role(`${name}-${role.metadata!.name}`, asInput<k8s.rbac.v1.RoleArgs>(role), base),
        );
        m.bindings.forEach(
            (binding, i) =>
                new k8s.rbac.v1.RoleBinding(
                    `${name}-${binding.metadata!.name}-binding`,
                    asInput<k8s.rbac.v1.RoleBindingArgs>(binding),
                    {
                        ...base,
                        dependsOn: [...args.namespaceReady, roles[i]],
                    },
                ),
        );
        this.registerOutputs({});
    }
}
