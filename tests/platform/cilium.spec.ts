import * as assert from "node:assert/strict";
import { CILIUM_STARTUP_TAINT, placement } from "../../infra/tiers";
import {
    apiServerHost,
    CILIUM_OPERATOR_EC2_ACTIONS,
    CILIUM_PIN,
    CILIUM_UNDECLARED_VALUES,
    ciliumOperatorPolicy,
    ciliumValues,
    CiliumValuesInput,
} from "../../platform/cilium";
import { chartDefaults, chartMetadata, schemaErrors, unknownValueKeys } from "../support/chart-values";

type Values = Record<string, any>;

const input = (environment: CiliumValuesInput["environment"]): CiliumValuesInput => ({
    environment,
    clusterName: "terrace-dev",
    apiServerHost: "ABC.gr7.eu-west-1.eks.amazonaws.com",
    operatorRoleArn: "arn:aws:iam::111122223333:role/cilium-operator",
    egressMasqueradeInterfaces: "ens+",
    hubbleUi: true,
});
const dev = ciliumValues(input("dev")) as Values;
const prod = ciliumValues(input("prod")) as Values;

describe("Cilium", () => {
    it("names the cluster after the EKS cluster, so ENI garbage collection never touches another cluster's", () => {
        assert.deepEqual(dev.cluster, { name: "terrace-dev" });
        assert.throws(
            () => ciliumValues({ ...input("dev"), clusterName: "Terrace_Dev" }),
            /cannot use the cluster name/,
        );
    });

    it("pins the vendored chart's version from the Cilium repository", () => {
        assert.equal(CILIUM_PIN.chart, chartMetadata("cilium").name);
        assert.equal(CILIUM_PIN.version, chartMetadata("cilium").version);
        assert.equal(CILIUM_PIN.repository, "https://helm.cilium.io/");
    });

    describe("values", () => {
        it("use only keys the chart declares, apart from the documented template-only keys", () => {
            assert.deepEqual(unknownValueKeys("cilium", dev, CILIUM_UNDECLARED_VALUES), []);
            assert.deepEqual(unknownValueKeys("cilium", prod, CILIUM_UNDECLARED_VALUES), []);
        });

        it("allow only keys that values.yaml really lacks", () => {
            for (const key of CILIUM_UNDECLARED_VALUES) {
                assert.deepEqual(
                    unknownValueKeys("cilium", { [key]: "x" }),
                    [key],
                    `${key} is declared now: drop it from the list`,
                );
            }
        });

        it("pass the chart's values.schema.json, as Helm checks at install", () => {
            assert.deepEqual(schemaErrors("cilium", dev), []);
            assert.deepEqual(schemaErrors("cilium", prod), []);
        });

        it("use AWS ENI IPAM with native routing", () => {
            assert.equal(dev.eni.enabled, true);
            assert.equal(dev.ipam.mode, "eni");
            assert.equal(dev.routingMode, "native");
            assert.equal(dev.egressMasqueradeInterfaces, "ens+");
        });

        it("leave pod egress unmasqueraded, as Cilium's ENI mode does since 1.18: the NAT gateways translate it", () => {
            assert.equal(dev.enableIPv4Masquerade, false);
            assert.equal(prod.enableIPv4Masquerade, false);
            // The chart leaves the value to its template (off for a new ENI-mode install only), so it is pinned here.
            assert.equal(chartDefaults("cilium").enableIPv4Masquerade, null);
        });

        it("replace kube-proxy and reach the API server by host name on 443", () => {
            assert.equal(dev.kubeProxyReplacement, true);
            assert.equal(dev.k8sServiceHost, "ABC.gr7.eu-west-1.eks.amazonaws.com");
            assert.equal(dev.k8sServicePort, 443);
        });

        it("give the operator its IRSA role through eni.iamRole", () => {
            assert.equal(dev.eni.iamRole, "arn:aws:iam::111122223333:role/cilium-operator");
        });

        it("place the operator and Hubble on the system tier", () => {
            for (const component of [dev.operator, dev.hubble.relay, dev.hubble.ui]) {
                assert.deepEqual(component.nodeSelector, placement("system").nodeSelector);
            }
        });

        it("keep the operator's default tolerations, which let it start on nodes that are not ready yet", () => {
            assert.equal("tolerations" in dev.operator, false);
            const defaults = chartDefaults("cilium").operator as Values;
            assert.ok(defaults.tolerations.some((t: Values) => t.key === "node.kubernetes.io/not-ready"));
        });

        it("keep the agent on every node, whatever its tier", () => {
            assert.equal("tolerations" in dev, false);
            assert.deepEqual(chartDefaults("cilium").tolerations, [{ operator: "Exists" }]);
        });

        it("leave the start-up taint to Cilium, which removes it once the agent runs", () => {
            assert.equal(chartDefaults("cilium").agentNotReadyTaintKey, CILIUM_STARTUP_TAINT.key);
            assert.equal("agentNotReadyTaintKey" in dev, false);
        });

        it("run two operators and relays behind PDBs in prod", () => {
            assert.equal(prod.operator.replicas, 2);
            assert.equal(prod.hubble.relay.replicas, 2);
            assert.equal(prod.operator.podDisruptionBudget.enabled, true);
            assert.equal(prod.hubble.relay.podDisruptionBudget.enabled, true);
        });

        it("run one of each without PDBs in dev", () => {
            assert.equal(dev.operator.replicas, 1);
            assert.equal(dev.hubble.relay.replicas, 1);
            assert.equal(dev.operator.podDisruptionBudget.enabled, false);
        });

        it("enable Hubble relay and the Gateway API controller with its GatewayClass", () => {
            assert.equal(dev.hubble.enabled, true);
            assert.equal(dev.hubble.relay.enabled, true);
            assert.equal(dev.gatewayAPI.enabled, true);
            assert.equal(dev.gatewayAPI.gatewayClass.create, "true");
        });

        it("turn the Hubble UI off when configured", () => {
            assert.equal((ciliumValues({ ...input("dev"), hubbleUi: false }) as Values).hubble.ui.enabled, false);
        });
    });

    describe("apiServerHost", () => {
        it("drops the scheme, port and path of the cluster endpoint", () => {
            assert.equal(
                apiServerHost("https://ABC.gr7.eu-west-1.eks.amazonaws.com"),
                "ABC.gr7.eu-west-1.eks.amazonaws.com",
            );
            assert.equal(apiServerHost("https://abc.example.com:443/"), "abc.example.com");
        });

        it("refuses an endpoint without a host", () => {
            assert.throws(() => apiServerHost("https://"), /cannot take a host name/);
        });
    });

    describe("operator IAM policy", () => {
        const statements = ciliumOperatorPolicy().Statement as { Action: string[]; Effect: string }[];

        it("grants the EC2 actions Cilium documents for ENI IPAM", () => {
            for (const action of [
                "ec2:CreateNetworkInterface",
                "ec2:AttachNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:DescribeInstanceTypes",
            ]) {
                assert.ok(statements[0].Action.includes(action), action);
            }
        });

        it("grants nothing outside EC2 and no action twice", () => {
            assert.ok(CILIUM_OPERATOR_EC2_ACTIONS.every((a) => a.startsWith("ec2:")));
            assert.equal(new Set(CILIUM_OPERATOR_EC2_ACTIONS).size, CILIUM_OPERATOR_EC2_ACTIONS.length);
            assert.equal(statements.length, 1);
            assert.equal(statements[0].Effect, "Allow");
        });

        it("leaves out the actions of features that are off (excess IP release, IPv6)", () => {
            assert.equal(statements[0].Action.includes("ec2:UnassignPrivateIpAddresses"), false);
            assert.equal(statements[0].Action.includes("ec2:AssignIpv6Addresses"), false);
        });
    });
});
