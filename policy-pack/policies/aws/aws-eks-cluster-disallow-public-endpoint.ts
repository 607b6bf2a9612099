import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, plainProps } from "../../lib/values";
import { OPEN_CIDRS, eksClusterOf } from "./common";

const RESTRICT = "cis-eks:5.4.1";
const PRIVATE_ONLY = "cis-eks:5.4.2";
const NOT_PUBLIC = "aws-fsbp:EKS.1";

export interface PublicEndpointSettings {
    readonly allowPublicEndpoint: boolean;
}

/**
 * CIS EKS 5.4.1/5.4.2, FSBP EKS.1: the Kubernetes API is reachable from inside the VPC, and from the internet
 * only from an allow-list (or not at all when the pack config says so). A public endpoint without
 * publicAccessCidrs is open to 0.0.0.0/0.
 */
export const awsEksClusterDisallowPublicEndpoint: TerraceResourcePolicy = {
    name: "aws-eks-cluster-disallow-public-endpoint",
    description:
        "The EKS API endpoint is private, or public only to an allow-list of CIDRs (never 0.0.0.0/0); the private endpoint is on.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["aws", "eks", "network"],
    controls: [RESTRICT, PRIVATE_ONLY, NOT_PUBLIC],
    remediationSteps:
        "Set endpointPrivateAccess: true and either endpointPublicAccess: false or publicAccessCidrs to the operators' egress CIDRs.",
    configSchema: {
        properties: {
            allowPublicEndpoint: {
                type: "boolean",
                description:
                    "Whether a public endpoint restricted to publicAccessCidrs is acceptable (false: private only).",
                default: true,
            },
        },
    },
    validateResource: (args, report) => {
        const cluster = eksClusterOf(args.type, plainProps(args.props), args.name);
        if (!cluster) return;
        const { allowPublicEndpoint } = args.getConfig<PublicEndpointSettings>();
        if (cluster.privateAccess === false) {
            report(
                finding(
                    [RESTRICT, PRIVATE_ONLY],
                    `${cluster.label} has no private endpoint: nodes and operators reach the API over the internet`,
                ),
            );
        }
        if (cluster.publicAccess !== true) return;
        if (!allowPublicEndpoint) {
            report(
                finding(
                    [PRIVATE_ONLY, NOT_PUBLIC],
                    `${cluster.label} has a public endpoint, and the pack config allows only private ones`,
                ),
            );
            return;
        }
        const cidrs = cluster.publicAccessCidrs;
        if (isUnknown(cidrs)) return;
        if (cidrs === undefined || cidrs.length === 0) {
            report(
                finding(
                    [RESTRICT, PRIVATE_ONLY, NOT_PUBLIC],
                    `${cluster.label} has a public endpoint without publicAccessCidrs, so EKS opens it to 0.0.0.0/0`,
                ),
            );
            return;
        }
        const open = cidrs.filter((c) => OPEN_CIDRS.includes(c));
        if (open.length > 0) {
            report(
                finding(
                    [RESTRICT, PRIVATE_ONLY, NOT_PUBLIC],
                    `${cluster.label} has a public endpoint open to ${open.join(", ")}`,
                ),
            );
        }
    },
};
