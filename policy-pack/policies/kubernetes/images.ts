/** Container image references, parsed the way container runtimes resolve them (docker.io is the default registry). */

export interface ImageReference {
    /** The registry host (with port), `docker.io` when the reference names none. */
    readonly registry: string;
    /** The repository path inside the registry (`library/nginx` for the short Docker Hub names). */
    readonly repository: string;
    readonly tag?: string;
    readonly digest?: string;
}

export const DEFAULT_REGISTRY = "docker.io";

/** Parses `[registry/]path[:tag][@digest]`. */
export function parseImage(image: string): ImageReference {
    const at = image.indexOf("@");
    const namePart = at < 0 ? image : image.slice(0, at);
    const digest = at < 0 ? undefined : image.slice(at + 1);
    const lastSlash = namePart.lastIndexOf("/");
    const colon = namePart.lastIndexOf(":");
    const hasTag = colon > lastSlash;
    const path = hasTag ? namePart.slice(0, colon) : namePart;
    const tag = hasTag ? namePart.slice(colon + 1) : undefined;
    const firstSlash = path.indexOf("/");
    const first = firstSlash < 0 ? "" : path.slice(0, firstSlash);
    // Like the Docker reference grammar: a first component with a dot, a port or `localhost` is a registry host.
    const explicitRegistry = firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
    const registry = explicitRegistry ? first : DEFAULT_REGISTRY;
    let repository = explicitRegistry ? path.slice(firstSlash + 1) : path;
    if (registry === DEFAULT_REGISTRY && !repository.includes("/")) repository = `library/${repository}`;
    return {
        registry: registry.toLowerCase(),
        repository,
        ...(tag !== undefined ? { tag } : {}),
        ...(digest ? { digest } : {}),
    };
}

/**
 * Whether an image comes from an allow-list entry. An entry is a registry host (`ghcr.io`), optionally with a
 * repository prefix (`ghcr.io/terrace`); a `*` in the host stands for one DNS label
 * (`*.dkr.ecr.*.amazonaws.com` allows every ECR private registry).
 */
export function registryAllowed(image: ImageReference, allowed: readonly string[]): boolean {
    return allowed.some((entry) => {
        const slash = entry.indexOf("/");
        const host = (slash < 0 ? entry : entry.slice(0, slash)).toLowerCase();
        const prefix = slash < 0 ? "" : entry.slice(slash + 1).replace(/\/+$/, "");
        const hostPattern = new RegExp(`^${host.split("*").map(escapeRegExp).join("[a-z0-9-]+")}$`);
        if (!hostPattern.test(image.registry)) return false;
        return prefix === "" || image.repository === prefix || image.repository.startsWith(`${prefix}/`);
    });
}

function escapeRegExp(value: string): string {
    return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
