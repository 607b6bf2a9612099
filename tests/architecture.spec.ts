import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * DESIGN.md's one direction of data: config <- infra <- platform <- apps <- index.ts. A module may import from its
 * own layer or a lower one, never from a layer above it; the offline tools sit on top of everything but must not
 * be imported by the program. A cycle between two layers makes every layer depend on all of them.
 */
const ROOT = path.resolve(__dirname, "..");
const LAYERS = ["config", "infra", "platform", "apps"] as const;

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(rel);
        return entry.name.endsWith(".ts") ? [rel] : [];
    });
}

/** Relative module specifiers of `import ... from`, `export ... from`, `import("...")` and `require("...")`. */
export function relativeImports(source: string): string[] {
    const specifiers: string[] = [];
    const pattern = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;
    for (const match of source.matchAll(pattern)) specifiers.push(match[1]);
    return specifiers;
}

/** The top-level folder a repository path is in ("index.ts" for the root module). */
function topLevel(file: string): string {
    return file.split(path.sep)[0];
}

function rank(folder: string): number {
    if (folder === "index.ts") return LAYERS.length;
    return (LAYERS as readonly string[]).indexOf(folder);
}

describe("the layers", () => {
    it("recognises every kind of relative import", () => {
        const source = [
            'import { a } from "../config";',
            'import type { B } from "./b";',
            'export { c } from "../infra/c";',
            'import "./side-effect";',
            'const d = require("../platform/d");',
            'const e = import("../apps/e");',
            'import * as pulumi from "@pulumi/pulumi";',
        ].join("\n");
        assert.deepEqual(relativeImports(source), [
            "../config",
            "./b",
            "../infra/c",
            "./side-effect",
            "../platform/d",
            "../apps/e",
        ]);
    });

    for (const layer of LAYERS) {
        it(`lets ${layer}/ import only from its own layer or one below (config <- infra <- platform <- apps)`, () => {
            const upward: string[] = [];
            for (const file of sourceFiles(layer)) {
                const text = fs.readFileSync(path.join(ROOT, file), "utf8");
                for (const spec of relativeImports(text)) {
                    const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
                    const folder = topLevel(target);
                    const targetRank = rank(folder);
                    if (targetRank === -1 || targetRank > rank(layer)) upward.push(`${file} imports ${target}`);
                }
            }
            assert.deepEqual(upward, []);
        });
    }

    it("keeps the offline tools out of the program (index.ts and the layers never import tools/ or tests/)", () => {
        const offenders: string[] = [];
        for (const file of ["index.ts", ...LAYERS.flatMap((l) => sourceFiles(l))]) {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            for (const spec of relativeImports(text)) {
                const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
                if (["tools", "tests", "policy-pack"].includes(topLevel(target)))
                    offenders.push(`${file} -> ${target}`);
            }
        }
        assert.deepEqual(offenders, []);
    });
});
