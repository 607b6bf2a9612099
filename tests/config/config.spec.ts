import { strict as assert } from "assert";
import { ConfigError, EKS_STANDARD_SUPPORT_END, inStandardSupport, parseConfig, RawConfig } from "../../config";
import { rawConfigOf, withValue } from "../support/config";

/** Parses and returns the ConfigError, failing if the config is accepted; every problem is one line of the message. */
function rejection(raw: RawConfig): ConfigError {
    try {
        parseConfig(raw);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
        assert.equal(err.message.split("\n").length, err.problems.length, "one line per problem");
        return err;
    }
    assert.fail("the configuration was accepted");
}

/** The problem of `err` about `key` (a mutation may break more than one rule: min above max is also desired above max). */
function problemAt(err: ConfigError, key: string): { key: string; given: unknown; allowed: string } {
    const found = err.problems.find((p) => p.key === key);
    assert.ok(found, `no problem about ${key} in:\n${err.message}`);
    return found;
}

describe("configuration", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`accepts the ${stack} stack file`, () => {
            const config = parseConfig(rawConfigOf(stack));
            assert.equal(config.environment, stack);
        });
    }

    it("gives prod one NAT gateway per AZ and dev a single one", () => {
        assert.equal(parseConfig(rawConfigOf("prod")).network.natGateways, "perAz");
        assert.equal(parseConfig(rawConfigOf("dev")).network.natGateways, "single");
    });

    it("turns flow logs on by default in prod only", () => {
        const prod = withValue(rawConfigOf("prod"), "network.flowLogs", undefined);
        const dev = withValue(rawConfigOf("dev"), "network.flowLogs", undefined);
        assert.equal(parseConfig(prod).network.flowLogs, true);
        assert.equal(parseConfig(dev).network.flowLogs, false);
    });

    describe("refuses, naming the key, the value and what is allowed", () => {
        const dev = () => rawConfigOf("dev");
        const prod = () => rawConfigOf("prod");
        const cases: [string, () => RawConfig, string, RegExp][] = [
            ["a negative size", () => withValue(dev(), "tiers.data.minSize", -1), "terrace:tiers.data.minSize", />= 0/],
            [
                "min above max",
                () => withValue(dev(), "tiers.system.minSize", 5),
                "terrace:tiers.system.minSize",
                /at most maxSize \(3\)/,
            ],
            [
                "desired outside min..max",
                () => withValue(dev(), "tiers.application.desiredSize", 9),
                "terrace:tiers.application.desiredSize",
                /between minSize/,
            ],
            [
                "a fractional size",
                () => withValue(dev(), "tiers.ingress.maxSize", 1.5),
                "terrace:tiers.ingress.maxSize",
                /whole number/,
            ],
            [
                "an unknown tier",
                () =>
                    withValue(dev(), "tiers.gpu", {
                        instanceTypes: ["g5.xlarge"],
                        minSize: 0,
                        desiredSize: 0,
                        maxSize: 1,
                    }),
                "terrace:tiers.gpu",
                /no key named "gpu"/,
            ],
            ["a missing tier", () => withValue(dev(), "tiers.ingress", undefined), "terrace:tiers.ingress", /object/],
            [
                "an unknown capacity type",
                () => withValue(dev(), "tiers.system.capacityType", "RESERVED"),
                "terrace:tiers.system.capacityType",
                /"ON_DEMAND", "SPOT"/,
            ],
            [
                "spot capacity in prod",
                () => withValue(prod(), "tiers.application.capacityType", "SPOT"),
                "terrace:tiers.application.capacityType",
                /ON_DEMAND" in prod/,
            ],
            [
                "a single-node tier in prod",
                () => withValue(prod(), "tiers.ingress.minSize", 1),
                "terrace:tiers.ingress.minSize",
                /at least 2 in prod/,
            ],
            [
                "a malformed instance type",
                () => withValue(dev(), "tiers.data.instanceTypes", ["large"]),
                "terrace:tiers.data.instanceTypes[0]",
                /EC2 instance type/,
            ],
            [
                "a disk below 20 GiB",
                () => withValue(dev(), "tiers.data.diskSizeGiB", 8),
                "terrace:tiers.data.diskSizeGiB",
                />= 20/,
            ],
            [
                "a malformed CIDR",
                () => withValue(dev(), "network.cidr", "10.0.0.0/33"),
                "terrace:network.cidr",
                /IPv4 CIDR/,
            ],
            [
                "a VPC too small for the subnet plan",
                () => withValue(dev(), "network.cidr", "10.0.0.0/24"),
                "terrace:network.cidr",
                /between \/16 and \/20/,
            ],
            ["one AZ", () => withValue(dev(), "network.azCount", 1), "terrace:network.azCount", />= 2/],
            [
                "an unknown NAT setting",
                () => withValue(dev(), "network.natGateways", "none"),
                "terrace:network.natGateways",
                /"single", "perAz"/,
            ],
            [
                "a single NAT gateway in prod",
                () => withValue(prod(), "network.natGateways", "single"),
                "terrace:network.natGateways",
                /perAz" in prod/,
            ],
            [
                "a log retention CloudWatch does not offer",
                () => withValue(dev(), "network.logRetentionDays", 10),
                "terrace:network.logRetentionDays",
                /retention values/,
            ],
            [
                "a Kubernetes version out of EKS standard support",
                () => withValue(dev(), "cluster.kubernetesVersion", "1.29"),
                "terrace:cluster.kubernetesVersion",
                /standard support today: 1\.3/,
            ],
            [
                "an unquoted Kubernetes version that YAML reads as another number",
                () => withValue(dev(), "cluster.kubernetesVersion", 1.3),
                "terrace:cluster.kubernetesVersion",
                /quoted string such as "1\.35"/,
            ],
            [
                "a public endpoint open to the internet",
                () => withValue(dev(), "cluster.endpoint.publicAccessCidrs", ["0.0.0.0/0"]),
                "terrace:cluster.endpoint.publicAccessCidrs",
                /not the whole internet/,
            ],
            [
                "a public endpoint without an allow-list",
                () => withValue(dev(), "cluster.endpoint.publicAccessCidrs", []),
                "terrace:cluster.endpoint.publicAccessCidrs",
                /non-empty allow-list/,
            ],
            [
                "an endpoint reachable from nowhere",
                () =>
                    withValue(
                        withValue(dev(), "cluster.endpoint.publicAccess", false),
                        "cluster.endpoint.privateAccess",
                        false,
                    ),
                "terrace:cluster.endpoint.privateAccess",
                /must be reachable/,
            ],
            [
                "an admin that is not an IAM ARN",
                () => withValue(dev(), "cluster.admins", ["alice"]),
                "terrace:cluster.admins[0]",
                /IAM role or user ARN/,
            ],
            ["no admin", () => withValue(dev(), "cluster.admins", []), "terrace:cluster.admins", /at least 1/],
            [
                "backup retention out of range",
                () => withValue(dev(), "database.backupRetentionDays", 40),
                "terrace:database.backupRetentionDays",
                /<= 35/,
            ],
            [
                "backups turned off",
                () => withValue(dev(), "database.backupRetentionDays", 0),
                "terrace:database.backupRetentionDays",
                />= 1/,
            ],
            [
                "short backups in prod",
                () => withValue(prod(), "database.backupRetentionDays", 3),
                "terrace:database.backupRetentionDays",
                /7 to 35 in prod/,
            ],
            [
                "prod without deletion protection",
                () => withValue(prod(), "database.deletionProtection", false),
                "terrace:database.deletionProtection",
                /true in prod/,
            ],
            [
                "prod without Multi-AZ",
                () => withValue(prod(), "database.multiAz", false),
                "terrace:database.multiAz",
                /true in prod/,
            ],
            [
                "an unsupported PostgreSQL major",
                () => withValue(dev(), "database.engineVersion", "12"),
                "terrace:database.engineVersion",
                /"15", "16", "17", "18"/,
            ],
            [
                "the default master user name",
                () => withValue(dev(), "database.masterUsername", "postgres"),
                "terrace:database.masterUsername",
                /other than postgres/,
            ],
            [
                "a storage ceiling below the allocation",
                () =>
                    withValue(
                        withValue(dev(), "database.allocatedStorageGiB", 50),
                        "database.maxAllocatedStorageGiB",
                        40,
                    ),
                "terrace:database.maxAllocatedStorageGiB",
                /more than allocatedStorageGiB/,
            ],
            [
                "a malformed instance class",
                () => withValue(dev(), "database.instanceClass", "t4g.micro"),
                "terrace:database.instanceClass",
                /RDS instance class/,
            ],
            [
                "an unknown environment",
                () => withValue(dev(), "environment", "qa"),
                "terrace:environment",
                /"dev", "staging", "prod"/,
            ],
            [
                "a misspelt section",
                () => withValue(dev(), "netwrok", { cidr: "10.0.0.0/16" }),
                "terrace:netwrok",
                /did you mean terrace:network\?/,
            ],
            [
                "a misspelt field",
                () => withValue(dev(), "database.multiAZ", true),
                "terrace:database.multiAZ",
                /no key named "multiAZ"/,
            ],
        ];
        for (const [what, raw, key, allowed] of cases) {
            it(what, () => {
                const err = rejection(raw());
                const problem = problemAt(err, key);
                assert.match(err.message, new RegExp(`^${key.replace(/[.[\]]/g, "\\$&")}: got `, "m"));
                assert.match(problem.allowed, allowed);
            });
        }

        it("a value of the wrong kind, in the words of YAML", () => {
            const list = rejection(withValue(rawConfigOf("dev"), "cluster.admins", "arn:aws:iam::111122223333:role/X"));
            assert.equal(list.allowed, "a list (a YAML sequence)");
            const mapping = rejection(withValue(rawConfigOf("dev"), "database", 5));
            assert.equal(mapping.allowed, "an object (a YAML mapping of key: value)");
            const flag = rejection(withValue(rawConfigOf("dev"), "network.flowLogs", "yes"));
            assert.equal(flag.allowed, "true or false");
        });

        it("a missing or malformed region", () => {
            const err = rejection({ ...rawConfigOf("dev"), region: "Ireland" });
            assert.equal(err.key, "aws:region");
            assert.match(err.message, /got "Ireland"; allowed: an AWS region/);
        });
    });

    it("reports every mistake of a stack file at once, one line each, sorted by key", () => {
        const mistakes: [string, unknown][] = [
            ["network.cidr", "10.0.0.0/8"],
            ["network.azCount", 9],
            ["cluster.admins", ["root"]],
            ["tiers.data.capacityType", "CHEAP"],
            ["tiers.ingress.diskSizeGiB", 5],
            ["database.instanceClass", "big"],
            ["database.backupRetentionDays", 99],
            ["platform.domain", "Example"],
            ["platform.certManager.email", "nope"],
            ["apps.namespace", "kube-apps"],
        ];
        const raw = mistakes.reduce((r, [path, value]) => withValue(r, path, value), rawConfigOf("dev"));
        const err = rejection({ ...raw, region: "eu-wst" });
        const keys = err.problems.map((p) => p.key);
        assert.deepEqual(keys, [...keys].sort(), "sorted by key");
        assert.deepEqual(
            [...keys].sort(),
            ["aws:region", ...mistakes.map(([path]) => `terrace:${path.replace(/\.admins$/, ".admins[0]")}`)].sort(),
        );
        assert.equal(err.message.split("\n").length, 11);
    });

    it("checks one section's cross-key rules even when another section is invalid", () => {
        const raw = withValue(withValue(rawConfigOf("prod"), "network.azCount", 1), "database.multiAz", false);
        const keys = rejection(raw).problems.map((p) => p.key);
        assert.deepEqual(keys, ["terrace:database.multiAz", "terrace:network.azCount"]);
    });

    it("refuses a stack file without terrace:environment, as the Pulumi CLI does (Pulumi.yaml has no default)", () => {
        const err = rejection(withValue(rawConfigOf("dev"), "environment", undefined));
        assert.equal(err.key, "terrace:environment");
        assert.match(err.allowed, /"dev", "staging", "prod".*required/);
    });

    it("reads unquoted versions that mean what they say (kubernetesVersion 1.35, engineVersion 16)", () => {
        const raw = withValue(
            withValue(rawConfigOf("dev"), "cluster.kubernetesVersion", 1.35),
            "database.engineVersion",
            16,
        );
        const config = parseConfig(raw);
        assert.equal(config.cluster.kubernetesVersion, "1.35");
        assert.equal(config.database.engineVersion, "16");
    });

    it("refuses a Kubernetes version from the day after its standard support ends", () => {
        assert.equal(inStandardSupport("1.34", new Date("2026-12-02T12:00:00Z")), true);
        assert.equal(inStandardSupport("1.34", new Date("2026-12-03T00:00:00Z")), false);
        assert.equal(inStandardSupport("1.35", new Date("2026-12-03T00:00:00Z")), true);
        assert.equal(inStandardSupport("1.29", new Date("2024-01-01T00:00:00Z")), false);
    });

    it("lists only Kubernetes versions whose standard support has a published end date", () => {
        for (const [version, end] of Object.entries(EKS_STANDARD_SUPPORT_END)) {
            assert.match(version, /^1\.\d+$/);
            assert.ok(!Number.isNaN(Date.parse(end)), `${version} ends ${end}`);
        }
    });
});
