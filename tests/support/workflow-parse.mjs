// Parses GitHub Actions workflows (stdin: a JSON array of {name, content}) with GitHub's own workflow parser
// (@actions/workflow-parser, the one behind the Actions VS Code extension) and prints, per workflow, the list of
// errors it reports: unknown keys, bad expressions and contexts, invalid triggers. Run under `node --import tsx`:
// the parser imports JSON schema files without import attributes, which tsx's loader accepts.
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const file of JSON.parse(input)) {
    const parsed = parseWorkflow(file, new NoOperationTraceWriter());
    const errors = parsed.context.errors.getErrors().map((e) => e.message);
    if (parsed.value) {
        const template = await convertWorkflowTemplate(parsed.context, parsed.value);
        for (const e of template.errors ?? []) errors.push(e.Message ?? e.message);
    }
    results.push(errors);
}
process.stdout.write(JSON.stringify(results));
