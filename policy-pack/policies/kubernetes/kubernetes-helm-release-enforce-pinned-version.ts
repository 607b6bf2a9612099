import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, plainProps, text } from "../../lib/values";

const CONTROL = "terrace:helm-version-pinned";

/** Helm resources that install a chart by name: the v3 Release and the v4 Chart component. */
const HELM_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"];

/** One exact SemVer 2 version (an optional leading v, as many charts publish). */
const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A chart given as a local directory or archive is pinned by the repository that holds it. */
export function isLocalChart(chart: string): boolean {
    return chart.startsWith(".") || chart.startsWith("/") || chart.endsWith(".tgz");
}

/**
 * Without a version Helm installs whatever the repository serves today, and a range moves on its own: the same
 * commit would deploy different charts, and a preview would not show what `up` installs.
 */
export const kubernetesHelmReleaseEnforcePinnedVersion: TerraceResourcePolicy = {
    name: "kubernetes-helm-release-enforce-pinned-version",
    description: "Every Helm release installs an exact chart version (no missing version, no range).",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "helm", "supply-chain"],
    controls: [CONTROL],
    remediationSteps: "Set version to the exact chart version (the one in ../shared/charts/<chart>/Chart.yaml).",
    validateResource: (args, report) => {
        if (!HELM_TYPES.includes(args.type)) return;
        const props = plainProps(args.props);
        const chart = props["chart"];
        if (isUnknown(chart) || (text(chart) !== undefined && isLocalChart(text(chart) as string))) return;
        const version = props["version"];
        if (isUnknown(version)) return;
        const name = text(props["name"]) ?? args.name;
        const given = text(version);
        if (given === undefined || given.trim() === "") {
            report(finding([CONTROL], `Helm release ${name} (chart ${text(chart) ?? "?"}) has no chart version`));
        } else if (!EXACT_VERSION.test(given)) {
            report(
                finding(
                    [CONTROL],
                    `Helm release ${name} (chart ${text(chart) ?? "?"}) asks for version "${given}", which is not one exact version`,
                ),
            );
        }
    },
};
