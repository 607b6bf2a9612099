/**
 * A client for the pack as the Pulumi engine runs it: policy-pack/index.ts served by @pulumi/policy over gRPC,
 * configured the way the CLI configures it (schema defaults + pack config), then asked to analyze resources.
 * Lets specs check that the offline runner and the real analyzer agree.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { PACK_NAME, TerracePolicy, parseFinding } from "../../policy-pack/lib/policy";
import {
    PackConfig,
    PolicyResource,
    Violation,
    resolvePolicyConfig,
    synthesiseUrn,
} from "../../policy-pack/lib/runner";

const PROTO_DIR = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb"));
// The generated stubs check message classes by identity: load grpc and protobuf from where they do.
/* eslint-disable @typescript-eslint/no-require-imports */
const load = (id: string): any => require(require.resolve(id, { paths: [PROTO_DIR] }));
const grpc = load("@grpc/grpc-js");
const structpb = load("google-protobuf/google/protobuf/struct_pb");
const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");

const LEVEL_CODES: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const LEVEL_NAMES = ["advisory", "mandatory", "disabled", "remediate"] as const;

export interface ServedPack {
    analyze(resources: readonly PolicyResource[]): Promise<Violation[]>;
    analyzeStack(resources: readonly PolicyResource[]): Promise<Violation[]>;
    stop(): void;
}

function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
        client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))),
    );
}

function violationsOf(response: any, policies: readonly TerracePolicy[], fallbackUrn: string): Violation[] {
    const descriptions = new Map(policies.map((p) => [p.name, p.description]));
    return response.getDiagnosticsList().map((d: any): Violation => {
        const prefix = `${descriptions.get(d.getPolicyname())}\n`;
        const text: string = d.getMessage().startsWith(prefix) ? d.getMessage().slice(prefix.length) : d.getMessage();
        const { controls, message } = parseFinding(text);
        return {
            policy: d.getPolicyname(),
            level: LEVEL_NAMES[d.getEnforcementlevel()] as Violation["level"],
            urn: d.getUrn() || fallbackUrn,
            message,
            controls,
        };
    });
}

function resourceOf(r: PolicyResource, message: any): any {
    message.setType(r.type);
    message.setName(r.name);
    message.setUrn(r.urn ?? synthesiseUrn(r.type, r.name));
    message.setProperties(structpb.Struct.fromJavaScript(r.props));
    const options = new pb.AnalyzerResourceOptions();
    if (r.parent) options.setParent(r.parent);
    message.setOptions(options);
    return message;
}

/** Starts policy-pack/index.ts and configures it like `--policy-pack-config` would. */
export async function servePack(config: PackConfig, policies: readonly TerracePolicy[]): Promise<ServedPack> {
    const child: ChildProcess = spawn(process.execPath, ["--require", "tsx/cjs", "index.ts"], {
        cwd: path.resolve(__dirname, "../../policy-pack"),
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, NODE_NO_WARNINGS: "1" },
    });
    const port = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim()));
        child.once("exit", (code) => reject(new Error(`${PACK_NAME} exited with ${code}: ${stderr}`)));
    });
    const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const configure = new pb.ConfigureAnalyzerRequest();
    for (const policy of policies) {
        const { level, settings } = resolvePolicyConfig(policy, config);
        const entry = new pb.PolicyConfig();
        entry.setEnforcementlevel(LEVEL_CODES[level]);
        entry.setProperties(structpb.Struct.fromJavaScript(settings));
        configure.getPolicyconfigMap().set(policy.name, entry);
    }
    await call(client, "configure", configure);
    return {
        async analyze(resources) {
            const out: Violation[] = [];
            for (const r of resources) {
                const response = await call(client, "analyze", resourceOf(r, new pb.AnalyzeRequest()));
                out.push(...violationsOf(response, policies, r.urn ?? synthesiseUrn(r.type, r.name)));
            }
            return out;
        },
        async analyzeStack(resources) {
            const request = new pb.AnalyzeStackRequest();
            request.setResourcesList(
                resources.map((r) => {
                    const message = resourceOf(r, new pb.AnalyzerResource());
                    if (r.parent) message.setParent(r.parent);
                    message.setDependenciesList([...(r.dependencies ?? [])]);
                    return message;
                }),
            );
            return violationsOf(await call(client, "analyzeStack", request), policies, "");
        },
        stop() {
            client.close();
            child.kill();
        },
    };
}
