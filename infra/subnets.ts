/**
 * Address plan of the VPC (pure). The VPC splits into eight equal blocks: one private block per AZ (pods take
 * VPC addresses in Cilium ENI mode, so private subnets are large), block 6 left free for later use, and block 7
 * cut into eight small public subnets (load balancers and NAT gateways only).
 */

function toInt(ip: string): number {
    return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function toIp(n: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** The `index`-th block of `cidr` split by `extraBits` more prefix bits. */
export function subdivide(cidr: string, extraBits: number, index: number): string {
    const [ip, prefixText] = cidr.split("/");
    const prefix = Number(prefixText);
    const newPrefix = prefix + extraBits;
    if (newPrefix > 28) throw new Error(`${cidr} is too small to split into /${newPrefix} subnets`);
    if (index < 0 || index >= 2 ** extraBits)
        throw new Error(`block ${index} does not exist in ${cidr} split ${2 ** extraBits} ways`);
    const base = toInt(ip) - (toInt(ip) % 2 ** (32 - prefix));
    return `${toIp(base + index * 2 ** (32 - newPrefix))}/${newPrefix}`;
}

export interface AzSubnets {
    readonly privateCidr: string;
    readonly publicCidr: string;
}

/** Private and public subnet CIDRs for each of `azCount` zones (at most 6). */
export function subnetPlan(vpcCidr: string, azCount: number): AzSubnets[] {
    if (azCount < 1 || azCount > 6) throw new Error(`azCount must be 1 to 6, got ${azCount}`);
    const publicBlock = subdivide(vpcCidr, 3, 7);
    return Array.from({ length: azCount }, (_, az) => ({
        privateCidr: subdivide(vpcCidr, 3, az),
        publicCidr: subdivide(publicBlock, 3, az),
    }));
}
