import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { criticalPath, planFiles, writePlanOutputs } from "../../../tools/plan-output";
import { sampleStack } from "./fixture";

describe("plan outputs", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "terrace-plan-out-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes plan.json, the diagram, the critical path, values and manifests under DIR/<stack>", () => {
        const { doc } = sampleStack("staging");
        const written = writePlanOutputs(doc, dir);
        const root = path.join(dir, "staging");
        for (const f of [
            "plan.json",
            "architecture.md",
            "critical-path.txt",
            "README.md",
            "values/cert-manager.yaml",
            "manifests/erp/job-migrate.yaml",
        ]) {
            assert.ok(fs.existsSync(path.join(root, f)), f);
        }
        assert.equal(written.length, planFiles(doc).length);
        assert.ok(written.every((f) => f.startsWith(root)));
    });

    it("writes the plan document with the critical path added", () => {
        const { doc } = sampleStack();
        writePlanOutputs(doc, dir);
        const json = JSON.parse(fs.readFileSync(path.join(dir, "prod", "plan.json"), "utf8"));
        assert.deepEqual(json.resources, doc.resources);
        assert.deepEqual(json.criticalPath, criticalPath(doc));
    });

    it("removes manifests left by an earlier run, and nothing outside its own folders", () => {
        const { doc } = sampleStack();
        const stale = path.join(dir, "prod", "manifests", "gone", "deployment-old.yaml");
        fs.mkdirSync(path.dirname(stale), { recursive: true });
        fs.writeFileSync(stale, "old");
        const mine = path.join(dir, "prod", "notes.txt");
        fs.writeFileSync(mine, "keep");
        writePlanOutputs(doc, dir);
        assert.ok(!fs.existsSync(stale));
        assert.ok(fs.existsSync(mine));
    });

    it("links every values file and namespace from the README", () => {
        const { doc } = sampleStack();
        const readme = planFiles(doc).find((f) => f.path === "README.md")!.content;
        assert.match(readme, /\[values\/cert-manager\.yaml\]\(values\/cert-manager\.yaml\)/);
        assert.match(readme, /\[erp\]\(manifests\/erp\/\): 7 objects/);
        assert.match(readme, new RegExp(`${doc.resources.length} resources`));
        assert.match(readme, /\[_cluster\]\(manifests\/_cluster\/\): 2 objects/);
    });

    it("names the YAML files a remote component applies, which it cannot render", () => {
        const { doc } = sampleStack();
        const file = "https://example.com/standard-install.yaml";
        const withCrds = {
            ...doc,
            resources: [
                ...doc.resources,
                {
                    ...doc.resources[1],
                    urn: "urn:x::crds",
                    type: "kubernetes:yaml/v2:ConfigFile",
                    name: "crds",
                    inputs: { file },
                },
            ],
        };
        const readme = planFiles(withCrds).find((f) => f.path === "README.md")!.content;
        assert.match(readme, new RegExp(`- crds: \`${file.replace(/[.]/g, "\\.")}\``));
    });
});
