import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { podOf } from "../../lib/pods";
import { plainProps, text } from "../../lib/values";
import { parseImage, registryAllowed } from "./images";
import { describePod } from "./objects";

const CONTROL = "cis-eks:5.1.4";

export interface RegistryAllowlistSettings {
    readonly allowedRegistries: string[];
}

/** Registries this pack trusts when the pack config names none: AWS's own, Kubernetes', and ECR in any account. */
export const DEFAULT_ALLOWED_REGISTRIES = ["*.dkr.ecr.*.amazonaws.com", "public.ecr.aws", "registry.k8s.io"];

/** CIS EKS 5.1.4: images come only from approved registries (scanned, access-controlled, mirrored). */
export const kubernetesContainerEnforceRegistryAllowlist: TerraceResourcePolicy = {
    name: "kubernetes-container-enforce-registry-allowlist",
    description: "Every container image comes from a registry on the pack's allow-list.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["kubernetes", "supply-chain"],
    controls: [CONTROL],
    remediationSteps:
        "Pull the image from an approved registry (or mirror it there), or add the registry to allowedRegistries in the pack config.",
    configSchema: {
        properties: {
            allowedRegistries: {
                type: "array",
                items: { type: "string", minLength: 1 },
                description:
                    "Registry hosts, optionally with a repository prefix (ghcr.io/org); `*` in a host matches one DNS label. " +
                    "Images without a registry are docker.io images.",
                default: DEFAULT_ALLOWED_REGISTRIES,
            },
        },
    },
    validateResource: (args, report) => {
        const pod = podOf(args.type, plainProps(args.props));
        if (!pod) return;
        const { allowedRegistries } = args.getConfig<RegistryAllowlistSettings>();
        for (const container of pod.containers) {
            const image = text(container.spec["image"]);
            if (image === undefined) continue;
            const ref = parseImage(image);
            if (!registryAllowed(ref, allowedRegistries)) {
                report(
                    finding(
                        [CONTROL],
                        `${describePod(pod, args.name)}: ${container.label} image "${image}" comes from ${ref.registry}, ` +
                            `which is not an allowed registry (${allowedRegistries.join(", ")})`,
                    ),
                );
            }
        }
    },
};
