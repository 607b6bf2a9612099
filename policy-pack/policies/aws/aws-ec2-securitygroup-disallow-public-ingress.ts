import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, list, plainProps, record, text } from "../../lib/values";
import { AWS_EKS_NODE_GROUP, EKS_MANAGED_NODE_GROUP, named } from "./common";

const UNAUTHORISED_PORT = "aws-fsbp:EC2.18";
const HIGH_RISK_PORT = "aws-fsbp:EC2.19";
const ADMIN_PORT_V4 = "aws-fsbp:EC2.53";
const ADMIN_PORT_V6 = "aws-fsbp:EC2.54";
/** ICMP and other protocols: EC2.18/EC2.53/EC2.54 judge TCP and UDP, EC2.19 only TCP, so no FSBP control applies. */
const OTHER_PROTOCOL = "terrace:public-non-tcp-udp";

/** Remote administration ports (SSH, RDP): FSBP EC2.53/EC2.54, over TCP, UDP or all protocols. */
export const ADMIN_PORTS = [22, 3389];
/** The ports FSBP EC2.19 calls high risk (its Config rule, restricted-common-ports, judges TCP only). */
export const HIGH_RISK_PORTS = [
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088,
    8888, 9200, 9300,
];

export interface PublicIngressSettings {
    readonly allowedPublicPorts: number[];
}

/** One ingress permission, normalised from any of the three ways to write it. */
export interface IngressRule {
    /** "tcp", "udp", "icmp", "all", ... */
    readonly protocol: string;
    readonly fromPort: number;
    readonly toPort: number;
    /** The open CIDRs (0.0.0.0/0, ::/0) the rule admits. */
    readonly openCidrs: string[];
}

const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
    "-1": "all",
    "6": "tcp",
    "17": "udp",
    "1": "icmp",
    "58": "icmpv6",
};

function protocolName(value: unknown): string {
    const raw = String(value ?? "all").toLowerCase();
    return PROTOCOL_NAMES[raw] ?? raw;
}

/** The rule's open CIDRs and port range; undefined when nothing in it is open or known. */
export function ingressRule(rule: Record<string, unknown>, cidrs: unknown[]): IngressRule | undefined {
    const openCidrs = cidrs.filter((c): c is string => c === "0.0.0.0/0" || c === "::/0");
    if (openCidrs.length === 0) return undefined;
    const protocol = protocolName(rule["protocol"] ?? rule["ipProtocol"]);
    const allPorts = protocol === "all" || protocol === "icmp" || protocol === "icmpv6";
    const from = rule["fromPort"];
    const to = rule["toPort"];
    if (isUnknown(from) || isUnknown(to)) return undefined;
    return {
        protocol,
        fromPort: allPorts || typeof from !== "number" || from < 0 ? 0 : from,
        toPort: allPorts || typeof to !== "number" || to < 0 ? 65535 : to,
        openCidrs,
    };
}

/** True when every port of the rule is an allowed public port (only TCP: 80/443 are web ports). */
export function onlyAllowedPorts(rule: IngressRule, allowed: readonly number[]): boolean {
    if (rule.protocol !== "tcp") return false;
    for (let port = rule.fromPort; port <= rule.toPort; port++) {
        if (!allowed.includes(port)) return false;
    }
    return true;
}

/**
 * The controls an open rule breaks. For TCP, UDP and all traffic: EC2.18 always, EC2.19 for high-risk TCP ports,
 * EC2.53/54 for SSH and RDP. ICMP and other protocols without ports break none of them (their Config rules judge
 * TCP and UDP only), so they carry the pack's own control.
 */
export function brokenControls(rule: IngressRule): string[] {
    if (!["tcp", "udp", "all"].includes(rule.protocol)) return [OTHER_PROTOCOL];
    const covers = (port: number) => port >= rule.fromPort && port <= rule.toPort;
    const controls = [UNAUTHORISED_PORT];
    if (rule.protocol !== "udp" && HIGH_RISK_PORTS.some(covers)) controls.push(HIGH_RISK_PORT);
    if (ADMIN_PORTS.some(covers)) {
        if (rule.openCidrs.includes("0.0.0.0/0")) controls.push(ADMIN_PORT_V4);
        if (rule.openCidrs.includes("::/0")) controls.push(ADMIN_PORT_V6);
    }
    return controls;
}

function describePorts(rule: IngressRule): string {
    if (rule.protocol === "all") return "all traffic";
    if (rule.protocol === "icmp" || rule.protocol === "icmpv6") return rule.protocol.toUpperCase();
    return rule.fromPort === rule.toPort
        ? `${rule.protocol} ${rule.fromPort}`
        : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
}

function rulesOf(type: string, props: Record<string, unknown>): Record<string, unknown>[] | undefined {
    switch (type) {
        case "aws:ec2/securityGroup:SecurityGroup":
            return list(props["ingress"])
                .map(record)
                .filter((r): r is Record<string, unknown> => r !== undefined);
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return text(props["type"]) === "ingress" ? [props] : [];
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [props];
        default:
            return undefined;
    }
}

function cidrsOf(type: string, rule: Record<string, unknown>): unknown[] {
    if (type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        return [rule["cidrIpv4"], rule["cidrIpv6"]];
    return [...list(rule["cidrBlocks"]), ...list(rule["ipv6CidrBlocks"])];
}

/**
 * FSBP EC2.18/EC2.19/EC2.53/EC2.54: nothing is reachable from the whole internet except the web ports the pack
 * config allows (80/443, for the load balancer). Judged on inline rules, both rule resources, and managed node
 * groups' SSH access (remoteAccess without source security groups opens port 22 to 0.0.0.0/0).
 */
export const awsEc2SecuritygroupDisallowPublicIngress: TerraceResourcePolicy = {
    name: "aws-ec2-securitygroup-disallow-public-ingress",
    description: "No security group admits 0.0.0.0/0 or ::/0 except on the allowed public ports (80 and 443).",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["aws", "ec2", "network"],
    controls: [UNAUTHORISED_PORT, HIGH_RISK_PORT, ADMIN_PORT_V4, ADMIN_PORT_V6, OTHER_PROTOCOL],
    remediationSteps: "Restrict the rule to known CIDRs or a source security group; reach nodes through SSM, not SSH.",
    configSchema: {
        properties: {
            allowedPublicPorts: {
                type: "array",
                items: { type: "integer", minimum: 0, maximum: 65535 },
                description: "TCP ports that may be open to the internet.",
                default: [80, 443],
            },
        },
    },
    validateResource: (args, report) => {
        const props = plainProps(args.props);
        if (args.type === AWS_EKS_NODE_GROUP || args.type === EKS_MANAGED_NODE_GROUP) {
            const access = props["remoteAccess"];
            if (isUnknown(access) || record(access) === undefined) return;
            const sources = record(access)?.["sourceSecurityGroupIds"];
            if (isUnknown(sources) || list(sources).length > 0 || text(record(access)?.["ec2SshKey"]) === undefined)
                return;
            const rule: IngressRule = { protocol: "tcp", fromPort: 22, toPort: 22, openCidrs: ["0.0.0.0/0"] };
            report(
                finding(
                    brokenControls(rule),
                    `${named("EKS node group", props, args.name, "nodeGroupName")} opens SSH (tcp 22) to 0.0.0.0/0 (remoteAccess without sourceSecurityGroupIds)`,
                ),
            );
            return;
        }
        const rules = rulesOf(args.type, props);
        if (!rules) return;
        const { allowedPublicPorts } = args.getConfig<PublicIngressSettings>();
        const who =
            args.type === "aws:ec2/securityGroup:SecurityGroup"
                ? named("security group", props, args.name)
                : `security group rule ${args.name}`;
        for (const raw of rules) {
            const rule = ingressRule(raw, cidrsOf(args.type, raw));
            if (!rule || onlyAllowedPorts(rule, allowedPublicPorts)) continue;
            report(
                finding(
                    brokenControls(rule),
                    `${who} admits ${rule.openCidrs.join(" and ")} to ${describePorts(rule)}`,
                ),
            );
        }
    },
};
