/** Shared fixtures for the PSS specs: a fully compliant restricted workload, and a runner for one policy. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { manifestResource } from "../../../policy-pack/lib/manifests";
import type { NamespaceLevels } from "../../../policy-pack/lib/pods";
import type { TerracePolicy } from "../../../policy-pack/lib/policy";
import { PackConfig, runPolicies } from "../../../policy-pack/lib/runner";

export const FIXTURES = path.resolve(__dirname, "../../fixtures/policy");

// Manifests are mutated freely in specs; a loose type keeps each mutation one readable line.
export type Manifest = any;

/** A fresh copy of tests/fixtures/policy/restricted-deployment.yaml (erp, restricted, compliant). */
export function restrictedDeployment(): Manifest {
    return parse(fs.readFileSync(path.join(FIXTURES, "restricted-deployment.yaml"), "utf8"));
}

/** The fixture's pod spec, to mutate. */
export function podSpec(manifest: Manifest): Manifest {
    return manifest.spec.template.spec;
}

/** The fixture's main container ("api"). */
export function app(manifest: Manifest): Manifest {
    return podSpec(manifest).containers[0];
}

/** The fixture's init container ("migrate"). */
export function init(manifest: Manifest): Manifest {
    return podSpec(manifest).initContainers[0];
}

export interface Finding {
    readonly controls: string[];
    readonly message: string;
}

/** What one policy reports for one manifest, with `namespaceLevels` as its pack setting. */
export function findings(policy: TerracePolicy, manifest: Manifest, namespaceLevels?: NamespaceLevels): Finding[] {
    const config: PackConfig = namespaceLevels ? { [policy.name]: { namespaceLevels } } : {};
    return runPolicies([manifestResource(manifest, "fixture#0")], config, [policy]).map((v) => {
        if (v.policy !== policy.name || v.level !== "mandatory") {
            throw new Error(`unexpected ${v.level} violation of ${v.policy}: ${v.message}`);
        }
        return { controls: v.controls, message: v.message };
    });
}

/** One finding of a control, as findings() returns it. */
export function finding(control: string, message: string): Finding {
    return { controls: [control], message };
}
