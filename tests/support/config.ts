/** Raw configuration of a real stack file, for config specs that mutate one key at a time. */
import { RawConfig } from "../../config";
import { readStackConfig } from "../../tools/harness";

export function rawConfigOf(stack: string): RawConfig {
    const { project, config } = readStackConfig(stack);
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (!key.startsWith("terrace:")) continue;
        const isSecure = typeof value === "object" && value !== null && "secure" in value;
        if (!isSecure) values[key.slice("terrace:".length)] = structuredClone(value);
    }
    return { project, stack, region: config["aws:region"] as string, values };
}

/** A copy of `raw` with the value at `path` (e.g. "tiers.data.minSize") replaced; `undefined` deletes it. */
export function withValue(raw: RawConfig, path: string, value: unknown): RawConfig {
    const values = structuredClone(raw.values) as Record<string, unknown>;
    const parts = path.split(".");
    let node = values;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    const last = parts[parts.length - 1];
    if (value === undefined) delete node[last];
    else node[last] = value;
    return { ...raw, values };
}
