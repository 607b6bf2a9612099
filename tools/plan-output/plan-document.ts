/**
 * Helpers over the plan document (DESIGN.md, "Interfaces"): what `npm run plan -- --json` prints. Its types are
 * the ones tools/plan.ts builds the document with (resources as the harness captures them), imported as types
 * only, so the output writers run without the harness.
 */
import type { PlanResource } from "../harness";
import type { PlanDocument, PlanViolation } from "../plan";

export type { PlanDocument, PlanResource, PlanViolation };

/** A file to write, relative to the stack's output directory. */
export interface PlanFile {
    readonly path: string;
    readonly content: string;
}

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/** The package of the project's own (local) components: `terrace:<layer>:<Type>` (DESIGN.md conventions). */
export const LOCAL_COMPONENT_PACKAGE = "terrace";

/** The last segment of a type token: `aws:ec2/subnet:Subnet` -> `Subnet`. */
export function typeKind(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

/**
 * The provider's URN from a resource's `provider` field: the plan harness records the URN itself; the engine's
 * reference form `<urn>::<id>` is accepted too (URNs contain `::`, so the id is what follows the last one).
 */
export function providerUrn(reference: string | undefined, known?: ReadonlyMap<string, unknown>): string | undefined {
    if (!reference || !reference.startsWith("urn:")) return undefined;
    if (known?.has(reference)) return reference;
    const at = reference.lastIndexOf("::");
    const stripped = reference.slice(0, at);
    return known === undefined || known.has(stripped) ? stripped : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A Kubernetes object's group/version and kind from its Pulumi type (`kubernetes:apps/v1:Deployment`,
 * `kubernetes:core/v1:Service`), or undefined for anything that is not a plain Kubernetes object (providers, Helm
 * releases and charts, YAML groups, kustomizations).
 */
export function kubernetesObjectType(type: string): { apiVersion: string; kind: string } | undefined {
    const m = /^kubernetes:([^:]+)\/([^/:]+):([A-Za-z0-9]+)$/.exec(type);
    if (!m) return undefined;
    const [, group, version, kind] = m;
    if (group === "helm.sh" || group === "yaml" || group === "kustomize") return undefined;
    return { apiVersion: group === "core" ? version : `${group}/${version}`, kind };
}

/** Indexes the plan's resources by URN and by parent. */
export class ResourceIndex {
    readonly byUrn = new Map<string, PlanResource>();
    private readonly children = new Map<string, PlanResource[]>();

    constructor(readonly resources: readonly PlanResource[]) {
        for (const r of resources) this.byUrn.set(r.urn, r);
        for (const r of resources) {
            if (r.parent === undefined || !this.byUrn.has(r.parent)) continue;
            const list = this.children.get(r.parent) ?? [];
            list.push(r);
            this.children.set(r.parent, list);
        }
    }

    childrenOf(urn: string): readonly PlanResource[] {
        return this.children.get(urn) ?? [];
    }

    /** The parent, unless it is the stack (or not in the plan). */
    parentOf(r: PlanResource): PlanResource | undefined {
        const parent = r.parent === undefined ? undefined : this.byUrn.get(r.parent);
        return parent && parent.type !== STACK_TYPE ? parent : undefined;
    }

    /**
     * A component whose real children exist only inside its provider: a remote (multi-language) component such
     * as `eks:index:Cluster` or `kubernetes:helm.sh/v4:Chart`. Offline it stands for all of them, and, as Pulumi
     * does, anything that waits for it waits until its construction finished. Components of another package
     * than the project's own are remote; so is any component that registered no child.
     */
    isOpaque(r: PlanResource): boolean {
        if (r.custom || r.type === STACK_TYPE) return false;
        return !r.type.startsWith(`${LOCAL_COMPONENT_PACKAGE}:`) || this.childrenOf(r.urn).length === 0;
    }

    /** Resources that take time to create: custom resources and opaque components. */
    isScheduled(r: PlanResource): boolean {
        return r.custom || this.isOpaque(r);
    }
}
