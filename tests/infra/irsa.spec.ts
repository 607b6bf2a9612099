import type * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { irsaTrustPolicy } from "../../infra/irsa";

describe("IRSA trust policy", () => {
    const policy = irsaTrustPolicy({
        oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        oidcProviderUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        namespace: "velero",
        serviceAccount: "velero-server",
    });
    const statement = (policy.Statement as aws.iam.PolicyStatement[])[0];

    it("trusts only the cluster's OIDC provider for web identity", () => {
        assert.deepEqual(statement.Principal, {
            Federated: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        });
        assert.equal(statement.Action, "sts:AssumeRoleWithWebIdentity");
    });

    it("pins the exact service account and the STS audience, without the URL scheme", () => {
        assert.deepEqual(statement.Condition, {
            StringEquals: {
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:velero:velero-server",
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
            },
        });
    });
});
