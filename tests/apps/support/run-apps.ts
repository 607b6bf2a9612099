/** `node --require tsx/cjs run-apps.ts <stack> [key=value ...]`: prints the harness capture of apps-program.ts as JSON. */
import * as path from "path";
import { runProgram } from "../../../tools/harness";

const [stack, ...overrides] = process.argv.slice(2);
runProgram({ stack, overrides, program: path.join(__dirname, "apps-program.ts") }).then(
    (capture) => process.stdout.write(JSON.stringify(capture)),
    (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(2);
    },
);
