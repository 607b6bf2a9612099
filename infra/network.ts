import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../config";
import { subnetPlan } from "./subnets";

export interface NetworkArgs {
    /** Validated `terrace:network` settings. */
    readonly config: NetworkConfig;
    /** EKS cluster name, for the subnet discovery tags. */
    readonly clusterName: string;
    /** Tags applied to every resource; default none. */
    readonly tags?: Record<string, string>;
}

/** Load-balancer discovery tags (AWS Load Balancer Controller subnet auto-discovery). */
export function subnetTags(kind: "public" | "private", clusterName: string): Record<string, string> {
    return {
        [kind === "public" ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"]: "1",
        [`kubernetes.io/cluster/${clusterName}`]: "shared",
    };
}

/** How many NAT gateways a setting needs: one shared, or one per AZ so an AZ outage keeps the others online. */
export function natGatewayCount(setting: NetworkConfig["natGateways"], azCount: number): number {
    return setting === "perAz" ? azCount : 1;
}

/** VPC over the configured AZs: public and private subnets, NAT per the config, flow logs when enabled. */
export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];
    readonly availabilityZones: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("terrace:infra:Network", name, {}, opts);
        const cfg = args.config;
        const tags = args.tags ?? {};
        const zones = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this });
        const plan = subnetPlan(cfg.cidr, cfg.azCount);

        const vpc = new aws.ec2.Vpc(
            `${name}-vpc`,
            {
                cidrBlock: cfg.cidr,
                enableDnsHostnames: true,
                enableDnsSupport: true,
                tags: { ...tags, Name: `${name}-vpc` },
            },
            { parent: this },
        );
        // The default security group of a VPC allows all traffic between members: strip it (CIS, FSBP EC2.2).
        new aws.ec2.DefaultSecurityGroup(
            `${name}-default-sg`,
            { vpcId: vpc.id, tags: { ...tags, Name: `${name}-default-locked` } },
            { parent: this },
        );
        const igw = new aws.ec2.InternetGateway(
            `${name}-igw`,
            { vpcId: vpc.id, tags: { ...tags, Name: `${name}-igw` } },
            { parent: this },
        );

        const publicRoutes = new aws.ec2.RouteTable(
            `${name}-public-rt`,
            {
                vpcId: vpc.id,
                routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
                tags: { ...tags, Name: `${name}-public` },
            },
            { parent: this },
        );

        this.availabilityZones = plan.map((_, i) => zones.names[i]);
        const publicSubnets = plan.map((p, i) => {
            const subnet = new aws.ec2.Subnet(
                `${name}-public-${i}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: p.publicCidr,
                    availabilityZone: this.availabilityZones[i],
                    mapPublicIpOnLaunch: false,
                    tags: { ...tags, ...subnetTags("public", args.clusterName), Name: `${name}-public-${i}` },
                },
                { parent: this },
            );
            new aws.ec2.RouteTableAssociation(
                `${name}-public-${i}`,
                { subnetId: subnet.id, routeTableId: publicRoutes.id },
                { parent: this },
            );
            return subnet;
        });

        const nats = Array.from({ length: natGatewayCount(cfg.natGateways, cfg.azCount) }, (_, i) => {
            const eip = new aws.ec2.Eip(
                `${name}-nat-${i}`,
                { domain: "vpc", tags: { ...tags, Name: `${name}-nat-${i}` } },
                { parent: this },
            );
            return new aws.ec2.NatGateway(
                `${name}-nat-${i}`,
                { allocationId: eip.id, subnetId: publicSubnets[i].id, tags: { ...tags, Name: `${name}-nat-${i}` } },
                { parent: this, dependsOn: [igw] },
            );
        });

        const privateSubnets = plan.map((p, i) => {
            const subnet = new aws.ec2.Subnet(
                `${name}-private-${i}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: p.privateCidr,
                    availabilityZone: this.availabilityZones[i],
                    tags: { ...tags, ...subnetTags("private", args.clusterName), Name: `${name}-private-${i}` },
                },
                { parent: this },
            );
            const routes = new aws.ec2.RouteTable(
                `${name}-private-rt-${i}`,
                {
                    vpcId: vpc.id,
                    // Each AZ uses its own NAT gateway when there is one per AZ, so its egress survives other AZs failing.
                    routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nats[i % nats.length].id }],
                    tags: { ...tags, Name: `${name}-private-${i}` },
                },
                { parent: this },
            );
            new aws.ec2.RouteTableAssociation(
                `${name}-private-${i}`,
                { subnetId: subnet.id, routeTableId: routes.id },
                { parent: this },
            );
            return subnet;
        });

        if (cfg.flowLogs) this.createFlowLogs(name, vpc, cfg.logRetentionDays, tags);

        this.vpcId = vpc.id;
        this.publicSubnetIds = publicSubnets.map((s) => s.id);
        this.privateSubnetIds = privateSubnets.map((s) => s.id);
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
        });
    }

    private createFlowLogs(name: string, vpc: aws.ec2.Vpc, retentionDays: number, tags: Record<string, string>): void {
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            { retentionInDays: retentionDays, tags },
            { parent: this },
        );
        const role = new aws.iam.Role(
            `${name}-flow-logs`,
            {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                tags,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-flow-logs`,
            {
                role: role.id,
                policy: logGroup.arn.apply((arn) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: [
                                    "logs:CreateLogStream",
                                    "logs:PutLogEvents",
                                    "logs:DescribeLogGroups",
                                    "logs:DescribeLogStreams",
                                ],
                                Resource: [arn, `${arn}:*`],
                            },
                        ],
                    }),
                ),
            },
            { parent: this },
        );
        new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                tags,
            },
            { parent: this },
        );
    }
}
