import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, list, plainProps, record, text } from "../../lib/values";
import { policyDocument, statements } from "./documents";

const ADMIN = "aws-fsbp:IAM.1";
const SERVICE_WILDCARD = "aws-fsbp:IAM.21";
// IAM.1 and IAM.21 judge customer managed policies only (AWS::IAM::Policy), not inline ones: same rules, own ids.
const INLINE_ADMIN = "terrace:iam-inline-admin";
const INLINE_SERVICE_WILDCARD = "terrace:iam-inline-service-wildcard";
const MANAGED_POLICY = "aws:iam/policy:Policy";

export interface AdminWildcardSettings {
    readonly disallowServiceWildcards: boolean;
}

/** The policy documents a resource carries, with how messages name each. */
function documentsOf(
    type: string,
    props: Record<string, unknown>,
    name: string,
): { label: string; document: unknown }[] {
    const label = (kind: string) => `${kind} ${text(props["name"]) ?? name}`;
    switch (type) {
        case MANAGED_POLICY:
            return [{ label: label("IAM policy"), document: props["policy"] }];
        case "aws:iam/rolePolicy:RolePolicy":
            return [{ label: label("IAM role policy"), document: props["policy"] }];
        case "aws:iam/userPolicy:UserPolicy":
            return [{ label: label("IAM user policy"), document: props["policy"] }];
        case "aws:iam/groupPolicy:GroupPolicy":
            return [{ label: label("IAM group policy"), document: props["policy"] }];
        case "aws:iam/role:Role": {
            const inline = props["inlinePolicies"];
            if (isUnknown(inline)) return [];
            return list(inline).flatMap((entry) => {
                const policy = record(entry);
                return policy
                    ? [
                          {
                              label: `${label("IAM role")} inline policy ${text(policy["name"]) ?? "(unnamed)"}`,
                              document: policy["policy"],
                          },
                      ]
                    : [];
            });
        }
        default:
            return [];
    }
}

function strings(value: unknown): string[] {
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/**
 * FSBP IAM.1: an Allow of every action on every resource is administrator access, and nothing in this platform
 * needs it (workloads get IRSA roles scoped to their job). With the disallowServiceWildcards setting, FSBP IAM.21's
 * stricter rule also applies: no `service:*` actions. Inline policies are held to the same rules under the pack's
 * own ids, since Security Hub evaluates only managed policies.
 */
export const awsIamPolicyDisallowAdminWildcard: TerraceResourcePolicy = {
    name: "aws-iam-policy-disallow-admin-wildcard",
    description: "No IAM policy allows action * on resource * (optionally: no service:* actions).",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["aws", "iam"],
    controls: [ADMIN, SERVICE_WILDCARD, INLINE_ADMIN, INLINE_SERVICE_WILDCARD],
    remediationSteps:
        "List the actions and resources the principal needs; use AWS managed job-function policies for humans.",
    configSchema: {
        properties: {
            disallowServiceWildcards: {
                type: "boolean",
                description: "Also report Allow statements with service-wide actions such as s3:* (FSBP IAM.21).",
                default: false,
            },
        },
    },
    validateResource: (args, report) => {
        const props = plainProps(args.props);
        const { disallowServiceWildcards } = args.getConfig<AdminWildcardSettings>();
        const managed = args.type === MANAGED_POLICY;
        const admin = managed ? ADMIN : INLINE_ADMIN;
        const serviceWildcard = managed ? SERVICE_WILDCARD : INLINE_SERVICE_WILDCARD;
        for (const { label, document: raw } of documentsOf(args.type, props, args.name)) {
            const document = policyDocument(raw);
            if (isUnknown(document) || document === undefined) continue;
            for (const statement of statements(document)) {
                if (text(statement["Effect"]) !== "Allow") continue;
                const actions = strings(statement["Action"]);
                const resources = strings(statement["Resource"]);
                if (actions.includes("*") && resources.includes("*")) {
                    report(finding([admin], `${label} allows every action (*) on every resource (*)`));
                    continue;
                }
                const wildcards = actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a));
                if (disallowServiceWildcards && wildcards.length > 0) {
                    report(finding([serviceWildcard], `${label} allows service-wide actions ${wildcards.join(", ")}`));
                }
            }
        }
    },
};
