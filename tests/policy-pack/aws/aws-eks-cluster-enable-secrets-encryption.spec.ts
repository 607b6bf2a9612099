import * as assert from "assert";
import { awsEksClusterEnableSecretsEncryption as policy } from "../../../policy-pack/policies/aws/aws-eks-cluster-enable-secrets-encryption";
import { UNKNOWN_STRING } from "../../../policy-pack/lib/values";
import { assertFindings, awsCluster, awsStack, componentCluster, mutate, run } from "./fixtures";

const CONTROLS = ["cis-eks:5.3.1", "aws-fsbp:EKS.3"];

describe("aws-eks-cluster-enable-secrets-encryption", () => {
    it("passes the compliant stack", () => {
        assert.deepStrictEqual(run(policy, awsStack()), []);
    });

    it("reports a cluster without encryptionConfig", () => {
        const resources = mutate([awsCluster()], "Cluster", "cluster", (p) => delete p.encryptionConfig);
        assertFindings(run(policy, resources), [
            ["EKS cluster terrace-prod does not encrypt secrets with KMS: it has no encryptionConfig", CONTROLS],
        ]);
    });

    it("reports an encryptionConfig that leaves secrets out", () => {
        const resources = mutate([awsCluster()], "Cluster", "cluster", (p) => (p.encryptionConfig.resources = []));
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod does not encrypt secrets with KMS: it does not list secrets in encryptionConfig.resources",
                CONTROLS,
            ],
        ]);
    });

    it("reports an encryptionConfig without a key", () => {
        const resources = mutate([awsCluster()], "Cluster", "cluster", (p) => delete p.encryptionConfig.provider);
        assertFindings(run(policy, resources), [
            [
                "EKS cluster terrace-prod does not encrypt secrets with KMS: it names no KMS key in encryptionConfig.provider.keyArn",
                CONTROLS,
            ],
        ]);
    });

    it("reports a pulumi-eks cluster without encryptionConfigKeyArn", () => {
        const resources = mutate([componentCluster()], "Cluster", "cluster", (p) => delete p.encryptionConfigKeyArn);
        assertFindings(run(policy, resources), [
            ["EKS cluster terrace-prod does not encrypt secrets with KMS: it sets no encryptionConfigKeyArn", CONTROLS],
        ]);
    });

    it("accepts a key ARN unknown during preview (the key is created in the same run)", () => {
        const resources = mutate(
            [componentCluster()],
            "Cluster",
            "cluster",
            (p) => (p.encryptionConfigKeyArn = UNKNOWN_STRING),
        );
        assert.deepStrictEqual(run(policy, resources), []);
    });
});
