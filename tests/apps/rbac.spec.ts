import * as assert from "node:assert/strict";
import { OPERATOR, rbacManifests, VIEWER } from "../../apps/rbac";

const m = rbacManifests("erp", { environment: "prod", team: "erp", costCenter: "cc" });
const role = (name: string) => m.roles.find((r) => r.metadata!.name === name)!;

describe("RBAC", () => {
    it("lets the operator read pods, services and config maps, and read and patch deployments, nothing more", () => {
        assert.deepEqual(role(OPERATOR).rules, [
            { apiGroups: [""], resources: ["pods", "services", "configmaps"], verbs: ["get", "list", "watch"] },
            { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "patch"] },
        ]);
    });

    it("lets the viewer only read", () => {
        for (const rule of role(VIEWER).rules!) assert.deepEqual(rule.verbs, ["get", "list", "watch"]);
    });

    it("grants neither role Secrets, exec or logs, nor any wildcard", () => {
        for (const r of m.roles) {
            for (const rule of r.rules!) {
                for (const resource of rule.resources!)
                    assert.ok(
                        !["secrets", "pods/exec", "pods/log", "*"].includes(resource),
                        `${r.metadata!.name}: ${resource}`,
                    );
                assert.ok(!rule.verbs.includes("*") && !rule.apiGroups!.includes("*"));
            }
        }
    });

    it("binds each role to its own ServiceAccount, whose token is never mounted", () => {
        assert.deepEqual(
            m.bindings.map((b) => [
                b.metadata!.name,
                b.roleRef.kind,
                b.roleRef.name,
                b.subjects![0].kind,
                b.subjects![0].name,
                b.subjects![0].namespace,
            ]),
            [
                [OPERATOR, "Role", OPERATOR, "ServiceAccount", OPERATOR, "erp"],
                [VIEWER, "Role", VIEWER, "ServiceAccount", VIEWER, "erp"],
            ],
        );
        for (const sa of m.serviceAccounts) assert.equal(sa.automountServiceAccountToken, false);
    });

    it("uses namespaced Roles only", () => {
        assert.ok(m.roles.every((r) => r.kind === "Role" && r.metadata!.namespace === "erp"));
    });
});
