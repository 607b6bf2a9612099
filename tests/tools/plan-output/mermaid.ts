/** A strict reader of the Mermaid the architecture diagram writes, for the specs. */
import { strict as assert } from "node:assert";

export interface ParsedMermaid {
    nodes: Map<string, { label: string; group: string }>;
    groups: Map<string, { title: string; parent: string }>;
    edges: [string, string][];
    classes: Map<string, string[]>;
}

const ID = "[A-Za-z][A-Za-z0-9_]*";
const SHAPES: [string, string][] = [
    ["[(", ")]"],
    ["[[", "]]"],
    ["([", "])"],
    ["[", "]"],
    ["(", ")"],
];

/**
 * A strict reader for the subset of Mermaid flowchart syntax the diagram may use; anything else is an error.
 * Labels must be quoted and hold no quote, no raw `<` or `>` other than `<br/>`, so GitHub renders them.
 */
export function parseMermaid(markdown: string): ParsedMermaid {
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
    assert.ok(block, "a mermaid code block");
    const lines = block[1].split("\n");
    assert.equal(lines[0], "flowchart TB");
    const parsed: ParsedMermaid = { nodes: new Map(), groups: new Map(), edges: [], classes: new Map() };
    const stack: string[] = ["root"];
    const checkText = (text: string, line: string) => {
        assert.ok(!text.includes('"'), `no raw quote in ${line}`);
        assert.ok(!/<(?!br\/>)|(?<!<br\/)>/.test(text), `no raw angle bracket in ${line}`);
    };
    for (const raw of lines.slice(1)) {
        const line = raw.trim();
        let m: RegExpExecArray | null;
        if ((m = new RegExp(`^subgraph (${ID})\\["([^"]*)"\\]$`).exec(line))) {
            assert.ok(!parsed.groups.has(m[1]) && !parsed.nodes.has(m[1]), `unique subgraph id ${m[1]}`);
            checkText(m[2], line);
            parsed.groups.set(m[1], { title: m[2], parent: stack[stack.length - 1] });
            stack.push(m[1]);
        } else if (line === "end") {
            assert.ok(stack.length > 1, "end closes a subgraph");
            stack.pop();
        } else if ((m = new RegExp(`^(${ID}) --> (${ID})$`).exec(line))) {
            parsed.edges.push([m[1], m[2]]);
        } else if ((m = /^classDef ([a-z]+) [a-z-]+:[^ ]+$/.exec(line))) {
            continue;
        } else if ((m = new RegExp(`^class (${ID}(?:,${ID})*) ([a-z]+)$`).exec(line))) {
            parsed.classes.set(m[2], m[1].split(","));
        } else {
            const id = new RegExp(`^(${ID})`).exec(line)?.[1];
            assert.ok(id, `a statement the diagram may use: ${line}`);
            const rest = line.slice(id.length);
            const shape = SHAPES.find(([open, close]) => rest.startsWith(`${open}"`) && rest.endsWith(`"${close}`));
            assert.ok(shape, `a quoted node label: ${line}`);
            const label = rest.slice(shape[0].length + 1, rest.length - shape[1].length - 1);
            checkText(label, line);
            assert.ok(!parsed.nodes.has(id) && !parsed.groups.has(id), `unique node id ${id}`);
            assert.notEqual(id, "end");
            parsed.nodes.set(id, { label, group: stack[stack.length - 1] });
        }
    }
    assert.equal(stack.length, 1, "every subgraph is closed");
    for (const [a, b] of parsed.edges)
        assert.ok(parsed.nodes.has(a) && parsed.nodes.has(b), `edge between declared nodes: ${a} --> ${b}`);
    for (const ids of parsed.classes.values())
        for (const id of ids) assert.ok(parsed.nodes.has(id), `class on a declared node: ${id}`);
    return parsed;
}
