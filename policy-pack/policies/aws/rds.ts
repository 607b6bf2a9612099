/** The frame of the RDS instance policies: one FSBP control each, judged on aws:rds/instance:Instance inputs. */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { plainProps, text } from "../../lib/values";
import { AWS_RDS_INSTANCE } from "./common";

export interface RdsPolicyArgs {
    readonly name: string;
    readonly description: string;
    /** The FSBP control, e.g. "aws-fsbp:RDS.3". */
    readonly control: string;
    readonly severity: "low" | "medium" | "high" | "critical";
    readonly remediationSteps: string;
    readonly configSchema?: PolicyConfigSchema;
    /**
     * What is wrong with the instance, completing "RDS instance <id> ..."; undefined when it complies or a value it
     * needs is unknown during preview.
     */
    readonly check: (props: Record<string, unknown>, settings: Record<string, unknown>) => string | undefined;
}

/** How an instance is named: its identifier, else the Pulumi name. */
export function rdsLabel(props: Record<string, unknown>, name: string): string {
    return `RDS instance ${text(props["identifier"]) ?? name}`;
}

export function rdsPolicy(args: RdsPolicyArgs): TerraceResourcePolicy {
    return {
        name: args.name,
        description: args.description,
        enforcementLevel: "mandatory",
        severity: args.severity,
        tags: ["aws", "rds"],
        controls: [args.control],
        remediationSteps: args.remediationSteps,
        ...(args.configSchema ? { configSchema: args.configSchema } : {}),
        validateResource: (resource, report) => {
            if (resource.type !== AWS_RDS_INSTANCE) return;
            const props = plainProps(resource.props);
            const problem = args.check(props, resource.getConfig<Record<string, unknown>>());
            if (problem !== undefined) report(finding([args.control], `${rdsLabel(props, resource.name)} ${problem}`));
        },
    };
}
