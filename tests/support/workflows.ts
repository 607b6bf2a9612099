/** GitHub's own verdict on workflow files, from a child process (see workflow-parse.mjs). */
import { execFileSync } from "child_process";
import * as path from "path";

/** For each workflow, the errors GitHub's workflow parser reports (empty when it accepts the file). */
export function workflowErrors(files: readonly { name: string; content: string }[]): string[][] {
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "workflow-parse.mjs")], {
        input: JSON.stringify(files),
        cwd: path.resolve(__dirname, "../.."),
        maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(out.toString()) as string[][];
}
