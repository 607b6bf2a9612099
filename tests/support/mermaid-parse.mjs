// Parses Mermaid diagrams read from stdin (a JSON array of strings) with Mermaid's own parser, the one GitHub
// renders with, and prints a JSON array of null (accepted) or the error message. It runs in a process of its own
// because Mermaid needs browser globals (from jsdom) that must not leak into the spec process.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ["DOMParser", "Element", "HTMLElement", "Node", "SVGElement", "MutationObserver"]) {
    if (!(name in globalThis)) globalThis[name] = dom.window[name];
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const diagram of JSON.parse(input)) {
    try {
        await mermaid.parse(diagram);
        results.push(null);
    } catch (error) {
        results.push(String(error instanceof Error ? error.message : error));
    }
}
process.stdout.write(JSON.stringify(results));
