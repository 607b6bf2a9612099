import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ClusterInfo } from "./cluster-info";

export interface IrsaRoleArgs {
    readonly cluster: ClusterInfo;
    /** Namespace of the service account allowed to assume the role. */
    readonly namespace: string;
    /** Name of the service account allowed to assume the role. */
    readonly serviceAccount: string;
    /** Managed policies to attach; default none. */
    readonly policyArns?: readonly pulumi.Input<string>[];
    /** An inline policy document (JSON) for permissions no managed policy scopes tightly enough; default none. */
    readonly policyJson?: pulumi.Input<string>;
}

/**
 * The trust policy of an IRSA role: only the one service account, through the cluster's OIDC provider, for STS.
 * Both `sub` and `aud` are pinned with StringEquals: without `aud`, any token of the issuer minted for another
 * audience would be accepted; without an exact `sub`, any service account could assume the role.
 */
export function irsaTrustPolicy(args: {
    oidcProviderArn: string;
    oidcProviderUrl: string;
    namespace: string;
    serviceAccount: string;
}): aws.iam.PolicyDocument {
    const issuer = args.oidcProviderUrl.replace(/^https:\/\//, "");
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: args.oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${issuer}:sub`]: `system:serviceaccount:${args.namespace}:${args.serviceAccount}`,
                        [`${issuer}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

/** An IAM role that exactly one Kubernetes service account can assume (IAM Roles for Service Accounts). */
export function irsaRole(name: string, args: IrsaRoleArgs, opts: pulumi.CustomResourceOptions = {}): aws.iam.Role {
    const role = new aws.iam.Role(
        name,
        {
            description: `IRSA role for ${args.namespace}/${args.serviceAccount}`,
            assumeRolePolicy: pulumi
                .all([args.cluster.oidcProviderArn, args.cluster.oidcProviderUrl])
                .apply(([oidcProviderArn, oidcProviderUrl]) =>
                    JSON.stringify(
                        irsaTrustPolicy({
                            oidcProviderArn,
                            oidcProviderUrl,
                            namespace: args.namespace,
                            serviceAccount: args.serviceAccount,
                        }),
                    ),
                ),
        },
        opts,
    );
    (args.policyArns ?? []).forEach(
        (policyArn, i) =>
            new aws.iam.RolePolicyAttachment(
                `${name}-policy-${i}`,
                { role: role.name, policyArn },
                { ...opts, parent: opts.parent ?? role },
            ),
    );
    if (args.policyJson !== undefined) {
        new aws.iam.RolePolicy(
            `${name}-inline`,
            { role: role.id, policy: args.policyJson },
            { ...opts, parent: opts.parent ?? role },
        );
    }
    return role;
}
