/**
 * What the AWS and Kubernetes fixtures share: how a fixture resource is made, how a spec changes one, and how a
 * run's findings are compared. Each fixtures.ts re-exports these next to its own compliant stack and runner.
 */
import * as assert from "assert";
import type { PolicyResource, Violation } from "../../policy-pack/lib/runner";

/** The URN of a fixture resource: stack `test`, project `terrace`, no parent. */
export function urn(type: string, name: string): string {
    return `urn:pulumi:test::terrace::${type}::${name}`;
}

export function resource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    dependencies?: string[],
): PolicyResource {
    return { type, name, urn: urn(type, name), props, ...(dependencies ? { dependencies } : {}) };
}

/** Changes one resource's props in place (found by type suffix, e.g. "Deployment", and name); returns the list. */
export function mutate(
    resources: PolicyResource[],
    kind: string,
    name: string,
    change: (props: Record<string, any>) => void,
): PolicyResource[] {
    const target = resources.find((r) => r.type.endsWith(`:${kind}`) && r.name === name);
    assert.ok(target, `no ${kind} ${name} in the fixture`);
    change(target.props);
    return resources;
}

/** Asserts a run gives exactly these findings: (message, controls) pairs, each with the controls it breaks. */
export function assertFindings(violations: readonly Violation[], expected: [string, string[]][]): void {
    assert.deepStrictEqual(
        violations.map((v) => [v.message, v.controls]),
        expected,
    );
}
