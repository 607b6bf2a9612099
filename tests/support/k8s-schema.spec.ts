import * as assert from "node:assert/strict";
import { hasSchema, knownKinds, loadSchemas, manifestTypeOf, validateManifest } from "./k8s-schema";

describe("Kubernetes schema validation", () => {
    before(async function () {
        this.timeout(60_000);
        await loadSchemas();
    });

    it("knows the core API and the CRDs Terrace uses", () => {
        for (const [apiVersion, kind] of [
            ["apps/v1", "Deployment"],
            ["v1", "Namespace"],
            ["autoscaling/v2", "HorizontalPodAutoscaler"],
            ["cert-manager.io/v1", "ClusterIssuer"],
            ["monitoring.coreos.com/v1", "ServiceMonitor"],
            ["monitoring.coreos.com/v1", "PrometheusRule"],
            ["argoproj.io/v1alpha1", "Application"],
            ["gateway.networking.k8s.io/v1", "HTTPRoute"],
            ["gateway.networking.k8s.io/v1", "Gateway"],
            ["cilium.io/v2", "CiliumNetworkPolicy"],
        ]) {
            assert.ok(hasSchema(apiVersion, kind), `${apiVersion} ${kind}`);
        }
        assert.ok(knownKinds().length > 200, `${knownKinds().length} kinds`);
    });

    it("accepts a valid object", () => {
        const deployment = {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web", namespace: "erp" },
            spec: {
                selector: { matchLabels: { app: "web" } },
                template: {
                    metadata: { labels: { app: "web" } },
                    spec: { containers: [{ name: "web", image: "nginx:1.29" }] },
                },
            },
        };
        assert.deepEqual(validateManifest(deployment), []);
    });

    it("reports where a core object breaks its schema", () => {
        const errors = validateManifest({
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web" },
            spec: {
                selector: {},
                template: {
                    spec: { containers: [{ name: "web", image: "nginx:1.29", ports: [{ containerPort: "80" }] }] },
                },
            },
        });
        assert.deepEqual(errors, ["/spec/template/spec/containers/0/ports/0/containerPort must be integer"]);
    });

    it("reports where a custom resource breaks its CRD", () => {
        assert.deepEqual(
            validateManifest({
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "HTTPRoute",
                metadata: { name: "r" },
                spec: { parentRefs: [{}] },
            }),
            ["/spec/parentRefs/0 must have required property 'name'"],
        );
        const cnp = {
            apiVersion: "cilium.io/v2",
            kind: "CiliumNetworkPolicy",
            metadata: { name: "p" },
            spec: { endpointSelector: {}, ingress: [{ fromEntities: ["internet"] }] },
        };
        assert.match(
            validateManifest(cnp).join("\n"),
            /\/spec\/ingress\/0\/fromEntities\/0 must be equal to one of the allowed values/,
        );
    });

    it("refuses a CiliumNetworkPolicy field outside the transcribed subset rather than passing it unchecked", () => {
        const cnp = {
            apiVersion: "cilium.io/v2",
            kind: "CiliumNetworkPolicy",
            metadata: { name: "p" },
            spec: { endpointSelector: {}, egress: [{ toFQDNs: [{ matchName: "x" }] }] },
        };
        assert.match(validateManifest(cnp).join("\n"), /must NOT have additional properties/);
    });

    it("treats an unknown kind or a missing apiVersion as an error", () => {
        assert.deepEqual(validateManifest({ apiVersion: "example.com/v1", kind: "Widget" }), [
            "/ has no schema for example.com/v1 Widget",
        ]);
        assert.deepEqual(validateManifest({ kind: "Pod" }), ["/ must have string apiVersion and kind"]);
    });

    it("reads Pulumi type tokens as apiVersion and kind", () => {
        assert.deepEqual(manifestTypeOf("kubernetes:core/v1:Secret"), { apiVersion: "v1", kind: "Secret" });
        assert.deepEqual(manifestTypeOf("kubernetes:apps/v1:Deployment"), {
            apiVersion: "apps/v1",
            kind: "Deployment",
        });
        assert.deepEqual(manifestTypeOf("kubernetes:cilium.io/v2:CiliumNetworkPolicy"), {
            apiVersion: "cilium.io/v2",
            kind: "CiliumNetworkPolicy",
        });
        assert.equal(manifestTypeOf("aws:s3/bucket:Bucket"), undefined);
    });
});
