import * as assert from "node:assert/strict";
import { loadSchemas, manifestTypeOf, validateManifest } from "../support/k8s-schema";
import { planFor, STACKS } from "../support/plans";
import type { PlanResource } from "../support/plans";

/**
 * Resource types of the Kubernetes provider that are not Kubernetes objects: a Helm release carries chart values
 * (checked against each chart's own schema in tests/platform), and the yaml/kustomize components carry file
 * references whose objects are registered (and checked here) as resources of their own.
 */
const NOT_OBJECTS =
    /^kubernetes:(helm\.sh\/v\d+:Release|helm\.sh\/v\d+:Chart|yaml(\/v2)?:Config(File|Group)|kustomize(\/v2)?:Directory)$/;

/** Plans hide secret values; a hidden field is dropped (its content cannot be checked offline, only its presence). */
function withoutHiddenValues(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== "[secret]" && v !== "[unknown]"));
}

function manifestOf(resource: PlanResource): Record<string, unknown> {
    const type = manifestTypeOf(resource.type)!;
    return { apiVersion: type.apiVersion, kind: type.kind, ...withoutHiddenValues(resource.inputs) };
}

describe("Kubernetes objects of every stack", () => {
    before(async function () {
        this.timeout(60_000);
        await loadSchemas();
    });

    for (const stack of STACKS) {
        describe(`${stack} plan`, () => {
            let objects: PlanResource[];

            before(async function () {
                this.timeout(180_000);
                const plan = await planFor(stack);
                objects = plan.resources.filter((r) => r.type.startsWith("kubernetes:") && !NOT_OBJECTS.test(r.type));
            });

            it("has objects of the platform and of the application", () => {
                assert.ok(
                    objects.some((r) => r.urn.includes("terrace:platform:")),
                    "platform objects",
                );
                assert.ok(
                    objects.some((r) => r.urn.includes("terrace:apps:")),
                    "application objects (is `new Apps(...)` wired in index.ts?)",
                );
            });

            it("declares apiVersion and kind as its type says", () => {
                for (const r of objects) {
                    const type = manifestTypeOf(r.type)!;
                    if (r.inputs.apiVersion !== undefined) assert.equal(r.inputs.apiVersion, type.apiVersion, r.urn);
                    if (r.inputs.kind !== undefined) assert.equal(r.inputs.kind, type.kind, r.urn);
                }
            });

            it("validates every object against its upstream schema", () => {
                const failures = objects.flatMap((r) =>
                    validateManifest(manifestOf(r)).map((e) => `${r.type} ${r.name}: ${e}`),
                );
                assert.deepEqual(failures, []);
            });
        });
    }
});
