import { strict as assert } from "node:assert";
import * as YAML from "yaml";
import { releaseValues } from "../../../tools/plan-output/values";
import { PlanBuilder, sampleStack } from "./fixture";

describe("Helm release values", () => {
    const { doc } = sampleStack();
    const files = releaseValues(doc);

    it("writes one values file per release, named after the resource", () => {
        assert.deepEqual(
            files.map((f) => f.path),
            ["values/cert-manager.yaml", "values/kube-prometheus-stack.yaml"],
        );
    });

    it("holds exactly the release's values, secrets masked", () => {
        const release = doc.resources.find((r) => r.name === "kube-prometheus-stack")!;
        const file = files.find((f) => f.path === "values/kube-prometheus-stack.yaml")!;
        assert.deepEqual(YAML.parse(file.content), release.inputs.values);
        assert.match(file.content, /adminPassword: "?\[secret\]"?/);
    });

    it("heads the file with the chart, version, repository, namespace and URN", () => {
        const file = files.find((f) => f.path === "values/cert-manager.yaml")!;
        const header = file.content.split("\n").slice(0, 3);
        assert.deepEqual(header, [
            "# Helm release cert-manager in namespace cert-manager",
            "# chart cert-manager v1.19.1 from https://charts.jetstack.io",
            `# ${doc.resources.find((r) => r.name === "cert-manager" && r.custom)!.urn}`,
        ]);
    });

    it("writes an empty map for a release without values", () => {
        const b = new PlanBuilder();
        b.add("kubernetes:helm.sh/v3:Release", "bare", { inputs: { chart: "x", version: "1.0.0" } });
        const [file] = releaseValues(b.doc());
        assert.deepEqual(YAML.parse(file.content), {});
        assert.match(file.content, /# Helm release bare in namespace default/);
    });
});
