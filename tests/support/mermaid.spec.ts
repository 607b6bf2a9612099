import { strict as assert } from "node:assert";
import { mermaidBlocks, mermaidErrors } from "./mermaid";

describe("Mermaid's own parser (support for the diagram specs)", () => {
    it("accepts a valid flowchart and reports a broken one", function () {
        this.timeout(30000);
        const [ok, broken] = mermaidErrors(['flowchart TB\n  a["A"] --> b["B"]\n', 'flowchart TB\n  a["A --> \n']);
        assert.equal(ok, null);
        assert.ok(broken, "the broken diagram is refused");
    });

    it("finds the diagrams of a Markdown document", () => {
        assert.deepEqual(mermaidBlocks("# x\n```mermaid\nflowchart TB\n  a\n```\ntext"), ["flowchart TB\n  a\n"]);
    });
});
