/**
 * What the offline mocks answer for resources and provider functions. Values are plausible and fixed (account
 * 111122223333, region from config) so that plans are reproducible and outputs that later layers read exist.
 */
export const MOCK_ACCOUNT_ID = "111122223333";

export interface MockContext {
    readonly region: string;
    readonly stack: string;
}

type State = Record<string, unknown>;

function arn(ctx: MockContext, service: string, resource: string): string {
    const global = service === "iam" || service === "s3";
    return `arn:aws:${service}:${global ? "" : ctx.region}:${service === "s3" ? "" : MOCK_ACCOUNT_ID}:${resource}`;
}

/** Outputs a real provider would add to a resource's inputs, by type token. */
export function mockResourceState(
    ctx: MockContext,
    type: string,
    name: string,
    inputs: State,
): { id: string; state: State } {
    const id = `${name}-id`;
    const physical = typeof inputs.name === "string" ? inputs.name : name;
    const [pkg, modulePart] = type.split(":");
    const service = (modulePart ?? "").split("/")[0];
    const state: State = { ...inputs };
    if (pkg === "aws") state.arn ??= arn(ctx, service, `${service === "iam" ? "role" : service}/${physical}`);
    switch (type) {
        case "eks:index:Cluster": {
            const clusterName = typeof inputs.name === "string" ? inputs.name : name;
            const issuer = `oidc.eks.${ctx.region}.amazonaws.com/id/MOCK${ctx.stack.toUpperCase()}OIDC`;
            const endpoint = `https://MOCK${ctx.stack.toUpperCase()}.gr7.${ctx.region}.eks.amazonaws.com`;
            const kubeconfig = {
                apiVersion: "v1",
                kind: "Config",
                clusters: [
                    { name: clusterName, cluster: { server: endpoint, "certificate-authority-data": "TU9DSw==" } },
                ],
                contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
                "current-context": clusterName,
                users: [
                    {
                        name: clusterName,
                        user: {
                            exec: {
                                apiVersion: "client.authentication.k8s.io/v1beta1",
                                command: "aws",
                                args: ["eks", "get-token", "--cluster-name", clusterName, "--region", ctx.region],
                            },
                        },
                    },
                ],
            };
            Object.assign(state, {
                eksCluster: {
                    name: clusterName,
                    arn: arn(ctx, "eks", `cluster/${clusterName}`),
                    endpoint,
                    version: inputs.version,
                    vpcConfig: { clusterSecurityGroupId: `sg-${clusterName}-cluster` },
                    certificateAuthority: { data: "TU9DSw==" },
                },
                clusterSecurityGroupId: `sg-${clusterName}-cluster`,
                oidcIssuer: issuer,
                oidcProviderUrl: `https://${issuer}`,
                oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`,
                kubeconfig,
                kubeconfigJson: JSON.stringify(kubeconfig),
            });
            break;
        }
        case "aws:ec2/launchTemplate:LaunchTemplate":
            Object.assign(state, { latestVersion: 1, defaultVersion: 1 });
            break;
        case "aws:rds/instance:Instance": {
            const identifier = typeof inputs.identifier === "string" ? inputs.identifier : physical;
            Object.assign(state, {
                address: `${identifier}.mock.${ctx.region}.rds.amazonaws.com`,
                endpoint: `${identifier}.mock.${ctx.region}.rds.amazonaws.com:5432`,
                port: inputs.port ?? 5432,
            });
            break;
        }
        case "aws:kms/key:Key":
            Object.assign(state, { keyId: id, arn: arn(ctx, "kms", `key/${id}`) });
            break;
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2": {
            const bucket = (inputs.bucket as string | undefined) ?? `${physical}-mock`;
            Object.assign(state, {
                bucket,
                arn: `arn:aws:s3:::${bucket}`,
                bucketRegionalDomainName: `${bucket}.s3.${ctx.region}.amazonaws.com`,
            });
            return { id: bucket, state };
        }
        case "aws:iam/role:Role":
        case "aws:iam/policy:Policy":
            Object.assign(state, {
                name: physical,
                arn: arn(ctx, "iam", `${type.endsWith("Role") ? "role" : "policy"}/${physical}`),
            });
            break;
        case "random:index/randomPassword:RandomPassword":
            Object.assign(state, {
                result: `mock-${name}-password`,
                bcryptHash: "$2a$10$mockmockmockmockmockmuOvh4Kcg7ryLJ9VRaYq4Vsh1EiPRoqa",
            });
            break;
        case "random:index/randomString:RandomString":
        case "random:index/randomId:RandomId":
            Object.assign(state, { result: `mock${name.replace(/[^a-z0-9]/g, "")}`.slice(0, 12), hex: "abcdef12" });
            break;
        case "aws:ec2/vpc:Vpc":
            Object.assign(state, { id });
            break;
        default:
            break;
    }
    return { id, state };
}

/** Answers provider functions (invokes) and resource methods (calls). */
export function mockCall(ctx: MockContext, token: string, inputs: State): State {
    switch (token) {
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return {
                names: ["a", "b", "c", "d", "e", "f"].map((z) => `${ctx.region}${z}`),
                zoneIds: [1, 2, 3, 4, 5, 6].map((n) => `euw1-az${n}`),
                id: ctx.region,
            };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: MOCK_ACCOUNT_ID,
                arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`,
                userId: "MOCK",
                id: MOCK_ACCOUNT_ID,
            };
        case "aws:index/getRegion:getRegion":
            return {
                name: ctx.region,
                region: ctx.region,
                id: ctx.region,
                endpoint: `ec2.${ctx.region}.amazonaws.com`,
            };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return {
                json: JSON.stringify({ Version: "2012-10-17", Statement: inputs.statements ?? [] }),
                id: "policy",
            };
        case "eks:index:Cluster/getKubeconfig":
            return { result: "[kubeconfig]" };
        default:
            return { id: token };
    }
}
