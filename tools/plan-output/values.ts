/**
 * Each Helm release's values as the YAML file one would pass to `helm install -f`, headed by the chart, version,
 * repository and namespace, so a reviewer can diff them against the chart's own values.yaml.
 */
import * as YAML from "yaml";
import { HELM_RELEASE_TYPE, isRecord, PlanDocument, PlanFile, PlanResource } from "./plan-document";
import { slug, uniquePath } from "./manifests";

export interface ReleaseSummary {
    readonly resource: PlanResource;
    /** The Helm release name (inputs.name), else the Pulumi resource name. */
    readonly releaseName: string;
    readonly chart: string;
    readonly version: string;
    readonly repository: string;
    readonly namespace: string;
    readonly values: Record<string, unknown>;
}

const str = (value: unknown, fallback: string) => (typeof value === "string" && value !== "" ? value : fallback);

export function releaseOf(r: PlanResource): ReleaseSummary | undefined {
    if (r.type !== HELM_RELEASE_TYPE) return undefined;
    const inputs = r.inputs;
    const repo = isRecord(inputs.repositoryOpts) ? inputs.repositoryOpts.repo : undefined;
    return {
        resource: r,
        releaseName: str(inputs.name, r.name),
        chart: str(inputs.chart, "?"),
        version: str(inputs.version, "?"),
        repository: str(repo, "?"),
        namespace: str(inputs.namespace, "default"),
        values: isRecord(inputs.values) ? inputs.values : {},
    };
}

/** `values/<resource name>.yaml` for every Helm release (the resource name is unique where release names repeat). */
export function releaseValues(doc: Pick<PlanDocument, "resources">): PlanFile[] {
    const taken = new Set<string>();
    const files: PlanFile[] = [];
    for (const release of doc.resources.map(releaseOf)) {
        if (!release) continue;
        const header = [
            `# Helm release ${release.releaseName} in namespace ${release.namespace}`,
            `# chart ${release.chart} ${release.version} from ${release.repository}`,
            `# ${release.resource.urn}`,
        ].join("\n");
        const body =
            Object.keys(release.values).length === 0
                ? "{}\n"
                : YAML.stringify(release.values, { lineWidth: 0, aliasDuplicateObjects: false });
        files.push({
            path: uniquePath(taken, "values", slug(release.resource.name), ".yaml"),
            content: `${header}\n${body}`,
        });
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
}
