/** Mermaid's own verdict on diagrams, from a child process (see mermaid-parse.mjs). */
import { execFileSync } from "child_process";
import * as path from "path";

/** For each diagram (the text inside a ```mermaid block), null when Mermaid accepts it, else its error. */
export function mermaidErrors(diagrams: readonly string[]): (string | null)[] {
    const out = execFileSync(process.execPath, [path.join(__dirname, "mermaid-parse.mjs")], {
        input: JSON.stringify(diagrams),
        maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(out.toString()) as (string | null)[];
}

/** The diagrams of a Markdown document. */
export function mermaidBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
}
