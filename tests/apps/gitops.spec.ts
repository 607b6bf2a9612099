import * as assert from "node:assert/strict";
import {
    application,
    appProject,
    GitopsInput,
    IN_CLUSTER,
    PLATFORM_OWNED_KINDS,
    repositorySecretMeta,
} from "../../apps/gitops";

const input: GitopsInput = {
    gitops: { repoURL: "https://github.com/acme/erp-apps.git", targetRevision: "main", username: "git" },
    namespace: "erp",
    argocdNamespace: "argocd",
    environment: "staging",
    ownership: { environment: "staging", team: "erp", costCenter: "cc" },
};

describe("GitOps for team apps", () => {
    describe("AppProject", () => {
        const project = appProject(input);

        it("confines the team to its repository and its namespace in this cluster", () => {
            assert.equal(project.metadata!.namespace, "argocd");
            assert.deepEqual(project.spec!.sourceRepos, ["https://github.com/acme/erp-apps.git"]);
            assert.deepEqual(project.spec!.destinations, [{ server: IN_CLUSTER, namespace: "erp" }]);
        });

        it("allows no cluster-scoped objects and none of the guard rails Pulumi owns", () => {
            assert.deepEqual(project.spec!.clusterResourceWhitelist, []);
            assert.deepEqual(
                project.spec!.namespaceResourceBlacklist,
                PLATFORM_OWNED_KINDS.map((k) => ({ ...k })),
            );
            const kinds = PLATFORM_OWNED_KINDS.map((k) => k.kind);
            for (const kind of [
                "ResourceQuota",
                "LimitRange",
                "NetworkPolicy",
                "CiliumNetworkPolicy",
                "Role",
                "RoleBinding",
            ])
                assert.ok(kinds.includes(kind), kind);
        });
    });

    describe("Application", () => {
        const app = application(input);

        it("syncs automatically, pruning what the repository drops and undoing manual changes", () => {
            assert.deepEqual(app.spec!.syncPolicy!.automated, { prune: true, selfHeal: true });
            assert.ok(app.spec!.syncPolicy!.syncOptions!.includes("CreateNamespace=false"));
        });

        it("deploys envs/<environment> of the repository into the team namespace by default", () => {
            assert.equal(app.spec!.project, "erp-team");
            assert.deepEqual(app.spec!.source, {
                repoURL: input.gitops.repoURL,
                path: "envs/staging",
                targetRevision: "main",
            });
            assert.deepEqual(app.spec!.destination, { server: IN_CLUSTER, namespace: "erp" });
        });

        it("takes the path from the config when given", () => {
            assert.equal(
                application({ ...input, gitops: { ...input.gitops, path: "deploy" } }).spec!.source!.path,
                "deploy",
            );
        });

        it("removes what it deployed when it is deleted", () => {
            assert.deepEqual(app.metadata!.finalizers, ["resources-finalizer.argocd.argoproj.io"]);
        });
    });

    it("labels the repository credentials so Argo CD picks them up", () => {
        const meta = repositorySecretMeta(input);
        assert.equal(meta.namespace, "argocd");
        assert.equal(meta.labels!["argocd.argoproj.io/secret-type"], "repository");
    });
});
