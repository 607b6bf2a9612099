import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { podOf } from "../../lib/pods";
import { plainProps, text } from "../../lib/values";
import { parseImage } from "./images";
import { describePod } from "./objects";

const CONTROL = "terrace:image-pinned";

/**
 * An image without a tag means `latest`, and `latest` moves: the same manifest would run different code on each
 * node pull, and a rollback would not roll anything back. A digest pins the exact image.
 */
export const kubernetesContainerDisallowLatestTag: TerraceResourcePolicy = {
    name: "kubernetes-container-disallow-latest-tag",
    description: "Every container image names an explicit tag or digest, and never the tag `latest`.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["kubernetes", "best-practice", "supply-chain"],
    controls: [CONTROL],
    remediationSteps: "Reference images as registry/repository:version or registry/repository@sha256:<digest>.",
    validateResource: (args, report) => {
        const pod = podOf(args.type, plainProps(args.props));
        if (!pod) return;
        for (const container of pod.containers) {
            // An image computed from another resource (a registry URL) is judged by `pulumi up`, not now.
            const image = text(container.spec["image"]);
            if (image === undefined) continue;
            const ref = parseImage(image);
            const where = `${describePod(pod, args.name)}: ${container.label} image "${image}"`;
            if (ref.tag === "latest") {
                report(finding([CONTROL], `${where} uses the tag latest`));
            } else if (ref.tag === undefined && ref.digest === undefined) {
                report(finding([CONTROL], `${where} has no tag or digest (it would run latest)`));
            }
        }
    },
};
