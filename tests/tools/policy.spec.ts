import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { policies } from "../../policy-pack/policies";
import { check, parseArgs, policyTable } from "../../tools/policy";

const ROOT = path.resolve(__dirname, "../..");

interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** `node --require tsx/cjs tools/policy.ts ARGS` from the repository root, as `npm run policy --` runs it. */
function policyCli(args: readonly string[]): Promise<Run> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["--require", "tsx/cjs", "tools/policy.ts", ...args],
            { cwd: ROOT, env: { ...process.env, NODE_NO_WARNINGS: "1" } },
            (error, stdout, stderr) =>
                resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
        );
    });
}

interface JsonViolation {
    readonly policy: string;
    readonly level: string;
    readonly message: string;
    readonly controls: string[];
    readonly source?: string;
}

function violations(run: Run): JsonViolation[] {
    return (JSON.parse(run.stdout) as { violations: JsonViolation[] }).violations;
}

const fixture = (name: string) => path.join("tests/fixtures/policy", name);

describe("policy CLI (tools/policy.ts)", function () {
    this.timeout(60000);
    // Every case is a child process; start them all at once, then assert one by one.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "terrace-policy-"));
    const pssOnly = path.join(tmp, "pss-only.json");
    const badConfig = path.join(tmp, "bad.json");
    const plan = path.join(tmp, "plan.json");
    fs.writeFileSync(
        pssOnly,
        JSON.stringify(
            Object.fromEntries(policies.filter((p) => !p.name.startsWith("pss-")).map((p) => [p.name, "disabled"])),
        ),
    );
    fs.writeFileSync(badConfig, JSON.stringify({ "pss-pod-forbid-everything": "mandatory" }));
    fs.writeFileSync(
        plan,
        JSON.stringify({
            stack: "dev",
            resources: [
                {
                    urn: "urn:pulumi:dev::terrace::kubernetes:core/v1:Pod::shell",
                    type: "kubernetes:core/v1:Pod",
                    name: "shell",
                    inputs: { metadata: { name: "shell", namespace: "erp" }, spec: { hostPID: true, containers: [] } },
                },
            ],
        }),
    );

    // Child processes cost a second or more each: only the exit-code paths run as processes, the rest in-process.
    let runs: Record<string, Promise<Run>> = {};
    before(() => {
        runs = {
            clean: policyCli(["check", "--config", pssOnly, fixture("restricted-deployment.yaml")]),
            strict: policyCli(["check", "--json", fixture("privileged-daemonset.yaml")]),
            broken: policyCli(["check", fixture("broken.yaml")]),
            usage: policyCli([]),
        };
    });
    const inProcess = (args: string[]): Run => {
        const { code, stdout } = check(parseArgs(args));
        return { code, stdout, stderr: "" };
    };
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("exits 0 and says so when nothing is violated", async () => {
        const run = await runs.clean;
        assert.deepStrictEqual([run.code, run.stdout], [0, "no violations in 1 resources\n"]);
    });

    it("holds a namespace the pack has no setting for to restricted, and exits 1", async () => {
        const run = await runs.strict;
        assert.strictEqual(run.code, 1);
        assert.deepStrictEqual(
            violations(run)
                .filter((v) => v.policy === "pss-pod-disallow-host-namespaces")
                .map((v) => v.message),
            ["pod sets hostNetwork=true", "pod sets hostPID=true"],
        );
        const pss = violations(run).filter((v) => v.policy.startsWith("pss-") && v.source?.endsWith("#0"));
        assert.deepStrictEqual(
            pss.map((v) => v.controls[0]),
            [
                "pss-baseline:host-namespaces",
                "pss-baseline:host-namespaces",
                "pss-baseline:hostpath-volumes",
                "pss-baseline:host-ports",
                "pss-restricted:volume-types",
                "pss-restricted:privilege-escalation",
                "pss-restricted:running-as-non-root",
                "pss-restricted:seccomp",
                "pss-restricted:capabilities",
            ],
        );
    });

    it("names each source as the path given plus the document's position (empty documents count)", async () => {
        const run = await runs.strict;
        const privileged = violations(run).find((v) => v.policy === "pss-pod-disallow-privileged-containers");
        assert.deepStrictEqual(privileged, {
            policy: "pss-pod-disallow-privileged-containers",
            level: "mandatory",
            urn: "urn:pulumi:offline::terrace::kubernetes:core/v1:Pod::debug",
            message: "container shell sets securityContext.privileged=true",
            controls: ["pss-baseline:privileged-containers"],
            source: "tests/fixtures/policy/privileged-daemonset.yaml#2",
        });
    });

    it("applies the namespace levels of --config (monitoring is privileged in prod)", async () => {
        const run = inProcess([
            "check",
            "--json",
            "--config=policy-pack/config/prod.json",
            fixture("privileged-daemonset.yaml"),
        ]);
        const sources = new Set(
            violations(run)
                .filter((v) => v.policy.startsWith("pss-"))
                .map((v) => v.source),
        );
        assert.deepStrictEqual([...sources], ["tests/fixtures/policy/privileged-daemonset.yaml#2"]);
    });

    it("prints one line per violation and a summary", async () => {
        const run = inProcess(["check", "--config", pssOnly, fixture("privileged-daemonset.yaml")]);
        const lines = run.stdout.trim().split("\n");
        assert.ok(
            lines.includes(
                "MANDATORY pss-pod-disallow-privileged-containers tests/fixtures/policy/privileged-daemonset.yaml#2 " +
                    "(Pod debug): [pss-baseline:privileged-containers] container shell sets securityContext.privileged=true",
            ),
            run.stdout,
        );
        assert.match(lines[lines.length - 1], /^\d+ violations \(\d+ mandatory, 0 advisory\) in 2 resources$/);
        assert.strictEqual(run.code, 1);
    });

    it("reads a JSON list of { type, name, props }", async () => {
        const run = inProcess(["check", "--json", "--config", pssOnly, fixture("resources.json")]);
        assert.deepStrictEqual(
            violations(run).map((v) => [v.policy, v.source, v.message]),
            [
                [
                    "pss-pod-disallow-root-user",
                    "tests/fixtures/policy/resources.json#0",
                    "container report sets securityContext.runAsUser=0",
                ],
            ],
        );
    });

    it("reads a plan document", async () => {
        const run = inProcess(["check", "--json", "--config", pssOnly, plan]);
        assert.deepStrictEqual(
            violations(run).map((v) => [v.policy, v.source]),
            [["pss-pod-disallow-host-namespaces", `${plan}#0`]],
        );
    });

    it("exits 2 on a YAML syntax error, naming the document", async () => {
        const run = await runs.broken;
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /^policy: tests\/fixtures\/policy\/broken\.yaml#0: /);
    });

    it("exits 2 with the usage when the command is missing", async () => {
        const run = await runs.usage;
        assert.strictEqual(run.code, 2);
        assert.strictEqual(
            run.stderr,
            "policy: missing command\nusage: npm run policy -- check [--json] [--config FILE] PATH...\n       npm run policy -- table\n",
        );
    });

    it("rejects an unknown option and a missing PATH as usage errors", () => {
        assert.throws(() => parseArgs(["check", "--yaml", "x.yaml"]), /unknown option "--yaml"/);
        assert.throws(() => parseArgs(["check", "--json"]), /no PATH given/);
    });

    it("reports a missing file as an input error", () => {
        assert.throws(
            () => inProcess(["check", fixture("nope.yaml")]),
            /^InputError: tests\/fixtures\/policy\/nope\.yaml: no such file or directory$/,
        );
    });

    it("reports a pack config that names an unknown policy as a config error", () => {
        assert.throws(
            () => inProcess(["check", "--config", badConfig, fixture("resources.json")]),
            /^PackConfigError: pack config: "pss-pod-forbid-everything" is not a policy of this pack$/,
        );
    });

    it("prints the policies table of the docs, one row per policy with its controls", () => {
        const rows = policyTable(policies).split("\n");
        assert.strictEqual(rows.length, policies.length);
        assert.strictEqual(
            rows[0],
            "| `pss-pod-disallow-host-process` | resource | mandatory | `pss-baseline:host-process` | " +
                "Pods must not run Windows HostProcess containers (PSS baseline: HostProcess). |",
        );
    });
});
