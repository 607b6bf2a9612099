/**
 * The CI workflows, read as data: the triggers, a policy-checked preview of every stack on pull requests, the
 * dev -> staging -> prod promotion behind an approval, OIDC instead of stored keys, and offline checks that run for
 * pull requests from forks.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { workflowErrors } from "./support/workflows";

const ROOT = path.resolve(__dirname, "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
    "working-directory"?: string;
}

interface Job {
    name?: string;
    needs?: string | string[];
    if?: string;
    environment?: string | { name: string };
    permissions?: Record<string, string> | string;
    strategy?: { matrix?: Record<string, unknown> };
    steps?: Step[];
}

interface Workflow {
    name?: string;
    on: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    jobs: Record<string, Job>;
}

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const raw = new Map(files.map((f) => [f, fs.readFileSync(path.join(WORKFLOWS, f), "utf8")]));

function load(file: string): Workflow {
    const doc = YAML.parseDocument(raw.get(file)!, { uniqueKeys: true, prettyErrors: true });
    assert.deepEqual(doc.errors, [], `${file} parses`);
    return doc.toJS() as Workflow;
}

const workflows = new Map(files.map((f) => [f, load(f)]));
const STACKS = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();

/** Each combination of a job's matrix (one empty combination without a matrix). */
function combinations(job: Job): Record<string, string>[] {
    const matrix = job.strategy?.matrix;
    if (!matrix) return [{}];
    const { include, ...axes } = matrix as { include?: Record<string, string>[] } & Record<string, unknown>;
    let combos: Record<string, string>[] = [{}];
    for (const [key, values] of Object.entries(axes)) {
        combos = combos.flatMap((c) => (values as unknown[]).map((v) => ({ ...c, [key]: String(v) })));
    }
    if (include) combos = Object.keys(axes).length ? [...combos, ...include] : include;
    return combos;
}

/** Substitutes `${{ matrix.x }}` with the combination's values. */
function expand(value: unknown, combo: Record<string, string>): string {
    return String(value ?? "").replace(
        /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g,
        (_, key: string) => combo[key] ?? `<matrix.${key}>`,
    );
}

interface PulumiRun {
    file: string;
    job: string;
    command: string;
    stackName: string;
    packs: string;
    configs: string;
}

/** Every pulumi/actions step with a command, matrix-expanded. */
function pulumiRuns(): PulumiRun[] {
    const runs: PulumiRun[] = [];
    for (const [file, wf] of workflows) {
        for (const [jobId, job] of Object.entries(wf.jobs)) {
            for (const combo of combinations(job)) {
                for (const step of job.steps ?? []) {
                    if (!step.uses?.startsWith("pulumi/actions@") || !step.with?.command) continue;
                    runs.push({
                        file,
                        job: jobId,
                        command: String(step.with.command),
                        stackName: expand(step.with["stack-name"], combo),
                        packs: expand(step.with.policyPacks, combo),
                        configs: expand(step.with.policyPackConfigs, combo),
                    });
                }
            }
        }
    }
    return runs;
}

const permissionsOf = (wf: Workflow, job: Job) => job.permissions ?? wf.permissions;
const needsOf = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const environmentOf = (job: Job) => (typeof job.environment === "object" ? job.environment.name : job.environment);
const uses = (job: Job, action: string) => (job.steps ?? []).some((s) => s.uses?.startsWith(`${action}@`));
const runs = (job: Job) =>
    (job.steps ?? [])
        .filter((s) => s.run !== undefined)
        .map((s) => s.run!.trim())
        .join("\n");

describe("CI workflows", () => {
    it("are accepted by GitHub's own workflow parser (keys, triggers, expressions and contexts)", function () {
        this.timeout(30000);
        const sources = files.map((f) => ({ name: f, content: fs.readFileSync(path.join(WORKFLOWS, f), "utf8") }));
        const errors = workflowErrors(sources);
        assert.deepEqual(
            Object.fromEntries(files.map((f, i) => [f, errors[i]])),
            Object.fromEntries(files.map((f) => [f, []])),
        );
    });

    it("would be refused by that parser if they used an unknown key or context (the check is live)", function () {
        this.timeout(30000);
        const [key, context] = workflowErrors([
            { name: "key.yml", content: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n" },
            {
                name: "context.yml",
                content:
                    "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ foo.bar }}\n",
            },
        ]);
        assert.match(key.join("\n"), /Unexpected value 'stepz'/);
        assert.match(context.join("\n"), /Unrecognized named-value: 'foo'/);
    });

    it("are valid YAML with a name, a trigger and jobs of steps", () => {
        assert.deepEqual(files.sort(), ["deploy.yml", "policy-publish.yml", "pull-request.yml"]);
        for (const [file, wf] of workflows) {
            assert.ok(wf.name, `${file} has a name`);
            assert.ok(wf.on && Object.keys(wf.on).length > 0, `${file} has a trigger`);
            for (const [id, job] of Object.entries(wf.jobs)) {
                assert.ok(job.steps?.length, `${file} ${id} has steps`);
                for (const need of needsOf(job))
                    assert.ok(wf.jobs[need], `${file} ${id} needs an existing job ${need}`);
                for (const step of job.steps ?? []) {
                    assert.ok(step.uses || step.run, `${file} ${id}: a step runs or uses something`);
                    if (step.uses && !step.uses.startsWith("./"))
                        assert.match(step.uses, /^[\w.-]+\/[\w.-]+@v\d+$/, "actions pinned to a major version");
                }
            }
        }
    });

    it("never use pull_request_target, which would run fork code with the repository's secrets", () => {
        for (const [file, wf] of workflows) assert.ok(!("pull_request_target" in wf.on), file);
    });

    describe("pull requests", () => {
        const wf = workflows.get("pull-request.yml")!;

        it("run on every pull request to main", () => {
            assert.deepEqual(wf.on, { pull_request: { branches: ["main"] } });
        });

        it("install, typecheck, lint and test", () => {
            const checks = runs(wf.jobs.checks).split("\n");
            assert.deepEqual(checks, ["npm ci", "npm run typecheck", "npm run lint", "npm test"]);
        });

        it("preview every stack, after the checks, with the policy pack and that stack's pack config", () => {
            const previews = pulumiRuns().filter((r) => r.file === "pull-request.yml");
            assert.ok(previews.every((r) => r.command === "preview"));
            assert.deepEqual(previews.map((r) => r.stackName.split("/").pop()).sort(), STACKS);
            for (const r of previews) {
                const stack = r.stackName.split("/").pop()!;
                assert.equal(r.packs, "policy-pack");
                assert.equal(r.configs, `policy-pack/config/${stack}.json`);
                assert.ok(fs.existsSync(path.join(ROOT, r.configs)), `${r.configs} exists`);
            }
            assert.deepEqual(needsOf(wf.jobs.preview), ["checks"]);
        });

        it("comment the preview on the pull request", () => {
            const step = wf.jobs.preview.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
            assert.equal(step.with!["comment-on-pr"], true);
            assert.equal(permissionsOf(wf, wf.jobs.preview)?.["pull-requests" as never], "write");
        });

        it("skip the credentialed preview for forks, whose runs get no OIDC token", () => {
            assert.match(
                wf.jobs.preview.if ?? "",
                /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/,
            );
        });

        it("run the tests and the offline plan of every stack for forks too: no credentials, no condition", () => {
            const offline = Object.entries(wf.jobs).filter(
                ([, job]) => !uses(job, "aws-actions/configure-aws-credentials"),
            );
            const planned = new Set<string>();
            let tested = false;
            for (const [id, job] of offline) {
                assert.equal(job.if, undefined, `${id} runs for forks`);
                const perms = permissionsOf(wf, job);
                assert.ok(typeof perms === "object" && perms["id-token"] === undefined, `${id} asks for no OIDC token`);
                assert.ok(!JSON.stringify(job).includes("secrets."), `${id} reads no secret`);
                tested ||= /^npm test$/m.test(runs(job));
                for (const combo of combinations(job)) {
                    for (const m of expand(runs(job), combo).matchAll(/npm run plan -- --stack (\S+)/g))
                        planned.add(m[1]);
                }
            }
            assert.ok(tested, "npm test runs without credentials");
            assert.deepEqual([...planned].sort(), STACKS);
        });
    });

    describe("deployment from main", () => {
        const wf = workflows.get("deploy.yml")!;

        it("runs on pushes to main", () => {
            assert.deepEqual((wf.on.push as { branches: string[] }).branches, ["main"]);
        });

        it("runs pulumi up for dev, then staging, then prod, each in its GitHub environment", () => {
            const ups = pulumiRuns().filter((r) => r.file === "deploy.yml");
            assert.deepEqual(
                ups.map((r) => [r.job, r.command, r.stackName.split("/").pop()]),
                [
                    ["up-dev", "up", "dev"],
                    ["up-staging", "up", "staging"],
                    ["up-prod", "up", "prod"],
                ],
            );
            assert.deepEqual(needsOf(wf.jobs["up-dev"]), ["checks"]);
            assert.deepEqual(needsOf(wf.jobs["up-staging"]), ["up-dev"]);
            assert.deepEqual(needsOf(wf.jobs["up-prod"]), ["up-staging"]);
            for (const stack of STACKS) assert.equal(environmentOf(wf.jobs[`up-${stack}`]), stack);
        });

        it("enforces the policy pack with each stack's config on every update", () => {
            for (const r of pulumiRuns().filter((x) => x.command === "up")) {
                assert.equal(r.packs, "policy-pack");
                assert.equal(r.configs, `policy-pack/config/${r.stackName.split("/").pop()}.json`);
            }
        });

        it("never runs two updates at once", () => {
            const concurrency = (wf as unknown as { concurrency: { "cancel-in-progress": boolean } }).concurrency;
            assert.equal(concurrency["cancel-in-progress"], false);
        });
    });

    describe("policy pack release", () => {
        const wf = workflows.get("policy-publish.yml")!;

        it("publishes the pack on a tag, after the tests", () => {
            assert.deepEqual(Object.keys(wf.on), ["push"]);
            assert.ok((wf.on.push as { tags: string[] }).tags.length > 0);
            assert.ok(!(wf.on.push as { branches?: string[] }).branches);
            const job = wf.jobs.publish;
            const commands = runs(job);
            assert.match(commands, /pulumi policy publish/);
            assert.ok(commands.indexOf("npm test") < commands.indexOf("pulumi policy publish"));
            const publish = job.steps!.find((s) => s.run?.includes("pulumi policy publish"))!;
            assert.equal(publish["working-directory"], "policy-pack");
        });
    });

    describe("credentials", () => {
        it("come from OIDC: every job that assumes a role or logs in to Pulumi Cloud may request an id-token", () => {
            for (const [file, wf] of workflows) {
                for (const [id, job] of Object.entries(wf.jobs)) {
                    if (!uses(job, "aws-actions/configure-aws-credentials") && !uses(job, "pulumi/auth-actions"))
                        continue;
                    const perms = permissionsOf(wf, job);
                    assert.ok(typeof perms === "object" && perms["id-token"] === "write", `${file} ${id}`);
                }
            }
        });

        it("assume a role; no access keys are passed", () => {
            for (const [file, wf] of workflows) {
                for (const job of Object.values(wf.jobs)) {
                    for (const step of job.steps ?? []) {
                        if (!step.uses?.startsWith("aws-actions/configure-aws-credentials@")) continue;
                        assert.ok(step.with?.["role-to-assume"], `${file}: role-to-assume`);
                        assert.equal(step.with?.["aws-access-key-id"], undefined);
                        assert.equal(step.with?.["aws-secret-access-key"], undefined);
                    }
                }
            }
        });

        it("are never stored: no AWS keys or Pulumi tokens in secrets or environment", () => {
            for (const [file, text] of raw) {
                assert.doesNotMatch(
                    text,
                    /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/i,
                    file,
                );
                assert.doesNotMatch(text, /PULUMI_ACCESS_TOKEN/, file);
                assert.doesNotMatch(text, /\bsecrets\./, `${file} reads no stored secret`);
            }
        });

        it("log in to Pulumi Cloud before every pulumi command", () => {
            for (const [file, wf] of workflows) {
                for (const [id, job] of Object.entries(wf.jobs)) {
                    const steps = job.steps ?? [];
                    const pulumiAt = steps.findIndex(
                        (s) =>
                            (s.uses?.startsWith("pulumi/actions@") && s.with?.command) || /\bpulumi /.test(s.run ?? ""),
                    );
                    if (pulumiAt < 0) continue;
                    const loginAt = steps.findIndex((s) => s.uses?.startsWith("pulumi/auth-actions@"));
                    assert.ok(loginAt >= 0 && loginAt < pulumiAt, `${file} ${id}`);
                }
            }
        });
    });
});
