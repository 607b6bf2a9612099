/**
 * Turns files into PolicyResources for the offline check: Kubernetes YAML (multi-document, `kind: List`
 * expanded), or JSON holding a plan document (`{ resources: [{ type, name, inputs, ... }] }`), a list of
 * `{ type, name, props }`, or Kubernetes objects. Each resource remembers where it came from as "<path>#<n>".
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { kubernetesToken } from "./pods";
import type { PolicyResource } from "./runner";
import { isRecord, text } from "./values";

/** A file that cannot be read or is not one of the accepted shapes (the CLI's exit code 2). */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

const EXTENSIONS = [".yaml", ".yml", ".json"];

/** The resource of one Kubernetes object (its Pulumi type token, name and the whole object as props). */
export function manifestResource(manifest: Record<string, unknown>, source: string): PolicyResource {
    const apiVersion = text(manifest["apiVersion"]);
    const kind = text(manifest["kind"]);
    if (!apiVersion || !kind) {
        throw new InputError(`${source}: not a Kubernetes object (apiVersion and kind are required)`);
    }
    const metadata = isRecord(manifest["metadata"]) ? manifest["metadata"] : {};
    const name = text(metadata["name"]) ?? text(metadata["generateName"]) ?? `${kind.toLowerCase()}-${source}`;
    const namespace = text(metadata["namespace"]);
    return {
        type: kubernetesToken(apiVersion, kind),
        name: namespace ? `${namespace}/${name}` : name,
        props: manifest,
        source,
    };
}

function manifestResources(value: unknown, source: string): PolicyResource[] {
    if (!isRecord(value)) {
        throw new InputError(`${source}: not a Kubernetes object`);
    }
    if (value["kind"] === "List" && Array.isArray(value["items"])) {
        return value["items"].flatMap((item) => manifestResources(item, source));
    }
    return [manifestResource(value, source)];
}

/** Resources of a YAML text: one per document (empty documents are skipped but keep their position). */
export function resourcesFromYaml(content: string, file: string): PolicyResource[] {
    const documents = parseAllDocuments(content);
    if (!Array.isArray(documents)) {
        return [];
    }
    return documents.flatMap((document, n) => {
        const source = `${file}#${n}`;
        if (document.errors.length > 0) {
            throw new InputError(`${source}: ${document.errors[0].message.split("\n")[0]}`);
        }
        const value: unknown = document.toJS();
        return value === null || value === undefined ? [] : manifestResources(value, source);
    });
}

function entryResource(entry: unknown, source: string): PolicyResource[] {
    if (!isRecord(entry)) {
        throw new InputError(`${source}: expected an object`);
    }
    const type = text(entry["type"]);
    if (!type) {
        return manifestResources(entry, source);
    }
    const props = entry["props"] ?? entry["inputs"] ?? {};
    if (!isRecord(props)) {
        throw new InputError(`${source}: props must be an object`);
    }
    const dependencies = Array.isArray(entry["dependencies"])
        ? entry["dependencies"].filter((d): d is string => typeof d === "string")
        : undefined;
    return [
        {
            type,
            name: text(entry["name"]) ?? `${type}-${source}`,
            props,
            source,
            ...(text(entry["urn"]) ? { urn: text(entry["urn"]) } : {}),
            ...(text(entry["parent"]) ? { parent: text(entry["parent"]) } : {}),
            ...(text(entry["provider"]) ? { provider: text(entry["provider"]) } : {}),
            ...(dependencies ? { dependencies } : {}),
        },
    ];
}

/** Resources of a JSON text: a plan document, a list of { type, name, props }, or Kubernetes objects. */
export function resourcesFromJson(content: string, file: string): PolicyResource[] {
    let value: unknown;
    try {
        value = JSON.parse(content);
    } catch (error) {
        throw new InputError(`${file}: ${(error as Error).message}`);
    }
    if (Array.isArray(value)) {
        return value.flatMap((entry, n) => entryResource(entry, `${file}#${n}`));
    }
    if (isRecord(value) && Array.isArray(value["resources"])) {
        return value["resources"].flatMap((entry, n) => entryResource(entry, `${file}#${n}`));
    }
    if (isRecord(value) && value["apiVersion"] !== undefined) {
        return manifestResources(value, `${file}#0`);
    }
    throw new InputError(`${file}: expected a plan document, a list of { type, name, props } or a Kubernetes object`);
}

/** The files behind a path as given: the file itself, or every .yaml/.yml/.json below a directory (sorted). */
export function expandPath(given: string): string[] {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(given);
    } catch {
        throw new InputError(`${given}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
        return [given];
    }
    return fs
        .readdirSync(given)
        .sort()
        .flatMap((entry) => {
            const child = path.join(given, entry);
            return fs.statSync(child).isDirectory() || EXTENSIONS.includes(path.extname(entry))
                ? expandPath(child)
                : [];
        });
}

/** Resources of one file, by extension (.json is JSON, anything else YAML). */
export function resourcesFromFile(file: string): PolicyResource[] {
    let content: string;
    try {
        content = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InputError(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return path.extname(file) === ".json" ? resourcesFromJson(content, file) : resourcesFromYaml(content, file);
}
