/**
 * What the AWS policies share: reading provider booleans (some inputs are strings, "true"), EKS clusters in both
 * the forms a policy sees (the aws:eks Cluster of a real run, the eks:index:Cluster component inputs of the plan),
 * and how messages name a resource.
 */
import { UNKNOWN, Unknown, isUnknown, list, record, text } from "../../lib/values";

export const AWS_EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_CLUSTER_COMPONENT = "eks:index:Cluster";
export const AWS_EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
export const EKS_MANAGED_NODE_GROUP = "eks:index:ManagedNodeGroup";
export const AWS_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const AWS_RDS_INSTANCE = "aws:rds/instance:Instance";

/** Shown by the offline plan for a secret; a policy cannot judge what it hides. */
export const SECRET_PLACEHOLDER = "[secret]";

/** Booleans as the provider takes them (launch template fields are strings: "true"). UNKNOWN stays UNKNOWN. */
export function flag(value: unknown): boolean | undefined | Unknown {
    if (isUnknown(value) || value === SECRET_PLACEHOLDER) return UNKNOWN;
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    return undefined;
}

/** The CIDRs that mean "the whole internet". */
export const OPEN_CIDRS: readonly string[] = ["0.0.0.0/0", "::/0"];

/** Parses a `major.minor` Kubernetes version; undefined for anything else. */
export function minorVersion(version: string): [number, number] | undefined {
    const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
    return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** True when version a is older than version b (both major.minor). */
export function olderThan(a: [number, number], b: [number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** The settings of an EKS control plane, whichever form declared it. */
export interface EksClusterView {
    /** "EKS cluster terrace-prod" */
    readonly label: string;
    readonly publicAccess: boolean | Unknown;
    readonly privateAccess: boolean | Unknown;
    /** The CIDRs given for the public endpoint (undefined when none: EKS then allows 0.0.0.0/0). */
    readonly publicAccessCidrs: string[] | undefined | Unknown;
    readonly logTypes: string[] | undefined | Unknown;
    /** Whether secrets are envelope-encrypted with a KMS key, and why not. */
    readonly secretsEncryption:
        { readonly encrypted: true } | { readonly encrypted: false; readonly why: string } | Unknown;
    readonly version: string | undefined | Unknown;
}

function strings(value: unknown): string[] | undefined | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    if (value === undefined || value === null) return undefined;
    const items = list(value);
    if (items.some(isUnknown)) return UNKNOWN;
    return items.filter((i): i is string => typeof i === "string");
}

function version(value: unknown): string | undefined | Unknown {
    return isUnknown(value) ? UNKNOWN : text(value);
}

/** Both EKS default to a public endpoint and no private one when the inputs say nothing. */
function endpoint(value: unknown, byDefault: boolean): boolean | Unknown {
    const f = flag(value);
    return f === undefined ? byDefault : f;
}

/** The EKS cluster behind a resource (aws:eks Cluster or the pulumi-eks component), or undefined. */
export function eksClusterOf(type: string, props: Record<string, unknown>, name: string): EksClusterView | undefined {
    const label = `EKS cluster ${text(props["name"]) ?? name}`;
    if (type === AWS_EKS_CLUSTER) {
        const vpc = props["vpcConfig"];
        const v = isUnknown(vpc) ? undefined : (record(vpc) ?? {});
        const encryption = props["encryptionConfig"];
        let secretsEncryption: EksClusterView["secretsEncryption"];
        if (isUnknown(encryption)) {
            secretsEncryption = UNKNOWN;
        } else if (record(encryption) === undefined) {
            secretsEncryption = { encrypted: false, why: "has no encryptionConfig" };
        } else {
            const resources = strings(record(encryption)?.["resources"]);
            const keyArn = record(record(encryption)?.["provider"])?.["keyArn"];
            if (isUnknown(resources) || isUnknown(keyArn)) secretsEncryption = UNKNOWN;
            else if (!resources?.includes("secrets"))
                secretsEncryption = { encrypted: false, why: "does not list secrets in encryptionConfig.resources" };
            else if (text(keyArn) === undefined)
                secretsEncryption = { encrypted: false, why: "names no KMS key in encryptionConfig.provider.keyArn" };
            else secretsEncryption = { encrypted: true };
        }
        return {
            label,
            publicAccess: v === undefined ? UNKNOWN : endpoint(v["endpointPublicAccess"], true),
            privateAccess: v === undefined ? UNKNOWN : endpoint(v["endpointPrivateAccess"], false),
            publicAccessCidrs: v === undefined ? UNKNOWN : strings(v["publicAccessCidrs"]),
            logTypes: strings(props["enabledClusterLogTypes"]),
            secretsEncryption,
            version: version(props["version"]),
        };
    }
    if (type === EKS_CLUSTER_COMPONENT) {
        const keyArn = props["encryptionConfigKeyArn"];
        return {
            label,
            publicAccess: endpoint(props["endpointPublicAccess"], true),
            privateAccess: endpoint(props["endpointPrivateAccess"], false),
            publicAccessCidrs: strings(props["publicAccessCidrs"]),
            logTypes: strings(props["enabledClusterLogTypes"]),
            secretsEncryption: isUnknown(keyArn)
                ? UNKNOWN
                : text(keyArn) === undefined
                  ? { encrypted: false, why: "sets no encryptionConfigKeyArn" }
                  : { encrypted: true },
            version: version(props["version"]),
        };
    }
    return undefined;
}

/** How messages name a resource of a type: "RDS instance erp", "launch template nodes-system". */
export function named(kind: string, props: Record<string, unknown>, name: string, nameField = "name"): string {
    return `${kind} ${text(props[nameField]) ?? name}`;
}
