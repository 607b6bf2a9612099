/**
 * The plan's file outputs (`npm run plan -- --stack <s> --out DIR`), for people who would rather look than read:
 * DIR/<stack>/ holds plan.json, the rendered manifests, each Helm release's values, a Mermaid diagram and the
 * critical path of `pulumi up`. Everything is a pure function of the plan document except writePlanOutputs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { criticalPath, formatCriticalPath } from "./critical-path";
import { architectureDiagram } from "./diagram";
import { renderManifests } from "./manifests";
import { PlanDocument, PlanFile } from "./plan-document";
import { releaseValues } from "./values";

export { criticalPath, formatCriticalPath } from "./critical-path";
export type { CriticalPathResult, CriticalStep } from "./critical-path";
export { architectureDiagram, architectureGraph } from "./diagram";
export { renderManifests } from "./manifests";
export { releaseValues } from "./values";
export type { PlanDocument, PlanFile, PlanResource, PlanViolation } from "./plan-document";

/** Directories that writePlanOutputs owns inside DIR/<stack>/ and empties first, so no stale file survives. */
export const GENERATED_DIRS = ["manifests", "values"] as const;

function index(doc: PlanDocument, files: readonly PlanFile[], minutes: number): string {
    const mandatory = doc.violations.filter((v) => v.level === "mandatory").length;
    const manifests = files.filter((f) => f.path.startsWith("manifests/"));
    const byNamespace = new Map<string, number>();
    for (const f of manifests) {
        const ns = f.path.split("/")[1];
        byNamespace.set(ns, (byNamespace.get(ns) ?? 0) + 1);
    }
    const values = files.filter((f) => f.path.startsWith("values/"));
    // Remote YAML components apply files the plan does not hold (e.g. CRD bundles fetched by URL).
    const fromFiles = doc.resources
        .filter((r) => r.type.startsWith("kubernetes:yaml/") && typeof r.inputs.file === "string")
        .map((r) => `- ${r.name}: \`${String(r.inputs.file)}\``);
    const objects = (n: number) => `${n} ${n === 1 ? "object" : "objects"}`;
    return [
        `# Offline plan of ${doc.project}/${doc.stack}`,
        "",
        `- ${doc.resources.length} resources; ${doc.violations.length} policy violations (${mandatory} mandatory).`,
        `- Critical path of \`pulumi up\`: about ${minutes.toFixed(0)} minutes ([critical-path.txt](critical-path.txt)).`,
        "- [architecture.md](architecture.md): what the stack creates, by layer and tier (Mermaid).",
        "- [plan.json](plan.json): the plan document (`npm run plan -- --json`).",
        "",
        "## Helm release values",
        "",
        ...(values.length ? values.map((f) => `- [${f.path}](${f.path})`) : ["None."]),
        "",
        "## Manifests by namespace",
        "",
        "Objects the program declares directly; those inside Helm releases are rendered by Helm at install time.",
        "",
        ...(byNamespace.size
            ? [...byNamespace.entries()].map(([ns, n]) => `- [${ns}](manifests/${ns}/): ${objects(n)}`)
            : ["None."]),
        "",
        ...(fromFiles.length ? ["Applied from files that are not rendered here:", "", ...fromFiles, ""] : []),
    ].join("\n");
}

/** Every file of a stack's output directory, relative to it. */
export function planFiles(doc: PlanDocument): PlanFile[] {
    const critical = criticalPath(doc);
    const generated = [...renderManifests(doc), ...releaseValues(doc)];
    return [
        { path: "plan.json", content: `${JSON.stringify({ ...doc, criticalPath: critical }, null, 2)}\n` },
        { path: "critical-path.txt", content: `${formatCriticalPath(critical)}\n` },
        { path: "architecture.md", content: architectureDiagram(doc) },
        { path: "README.md", content: index(doc, generated, critical.minutes) },
        ...generated,
    ];
}

/**
 * Writes the plan's files to DIR/<stack>/ (so the three stacks can share one DIR) and returns their paths.
 * Only the generated directories are emptied first; nothing else in DIR is touched.
 */
export function writePlanOutputs(doc: PlanDocument, dir: string): string[] {
    const root = path.join(dir, doc.stack);
    for (const sub of GENERATED_DIRS) fs.rmSync(path.join(root, sub), { recursive: true, force: true });
    const written: string[] = [];
    for (const file of planFiles(doc)) {
        const target = path.join(root, ...file.path.split("/"));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
        written.push(target);
    }
    return written;
}
