/**
 * The plan outputs of the real stacks (the plans `npm test` starts once for every spec): the diagram is valid
 * Mermaid and shows every tier, the manifests cover every Kubernetes object, the critical path runs through the
 * control plane or the database.
 */
import { strict as assert } from "node:assert";
import { TIER_NAMES } from "../../../infra/tiers";
import { architectureDiagram, criticalPath, planFiles, renderManifests } from "../../../tools/plan-output";
import { CREATION_TIMES } from "../../../tools/plan-output/creation-times";
import { kubernetesObjectType } from "../../../tools/plan-output/plan-document";
import { mermaidBlocks, mermaidErrors } from "../../support/mermaid";
import { PlanDocument, planFor, STACKS } from "../../support/plans";
import { parseMermaid } from "./mermaid";

for (const stack of STACKS) {
    describe(`plan outputs of the ${stack} stack`, () => {
        let plan: PlanDocument;
        before(async function () {
            this.timeout(120000);
            plan = await planFor(stack);
        });

        it("draws valid Mermaid with a subgraph for every tier", () => {
            const parsed = parseMermaid(architectureDiagram(plan));
            for (const tier of TIER_NAMES) assert.ok(parsed.groups.has(`sg_tier_${tier}`), tier);
            assert.ok([...parsed.nodes.values()].some((n) => n.label.startsWith("EKS ")));
        });

        it("is accepted by Mermaid's own parser, the one GitHub renders with", function () {
            this.timeout(30000);
            const blocks = mermaidBlocks(architectureDiagram(plan));
            assert.equal(blocks.length, 1);
            assert.deepEqual(mermaidErrors(blocks), [null]);
        });

        it("renders one manifest per Kubernetes object", () => {
            const objects = plan.resources.filter((r) => kubernetesObjectType(r.type) !== undefined);
            assert.equal(renderManifests(plan).length, objects.length);
        });

        it("finds a critical path through one of the slow roots, shorter than one-at-a-time creation", () => {
            const result = criticalPath(plan);
            // The control plane and RDS take longest and start almost at once; either may lead, by a minute.
            const slow = ["eks:index:Cluster", "aws:rds/instance:Instance"];
            assert.ok(result.path.some((s) => slow.includes(s.type)));
            assert.ok(
                result.minutes >= CREATION_TIMES["eks:index:Cluster"].minutes,
                "nothing finishes before the control plane",
            );
            assert.ok(result.minutes < result.sumMinutes);
            assert.deepEqual(result.ignoredWaits, []);
        });

        it("produces every file without two sharing a path", () => {
            const paths = planFiles(plan).map((f) => f.path);
            assert.equal(new Set(paths).size, paths.length);
        });
    });
}
