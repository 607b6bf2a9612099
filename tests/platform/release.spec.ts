import * as assert from "node:assert/strict";
import { placement } from "../../infra/tiers";
import { DEFAULT_TIMEOUT_SECONDS, helmPlacement, MAX_HISTORY, pinnedReleaseArgs } from "../../platform/release";

const pin = { chart: "example", version: "1.2.3", repository: "https://charts.example.com" };

describe("pinned release", () => {
    it("installs the pinned chart version from the pinned repository", () => {
        const args = pinnedReleaseArgs({ pin, namespace: "ns", values: { a: 1 } });
        assert.equal(args.chart, "example");
        assert.equal(args.version, "1.2.3");
        assert.deepEqual(args.repositoryOpts, { repo: "https://charts.example.com" });
        assert.equal(args.namespace, "ns");
        assert.deepEqual(args.values, { a: 1 });
    });

    it("names the Helm release after the chart unless told otherwise", () => {
        assert.equal(pinnedReleaseArgs({ pin, namespace: "ns", values: {} }).name, "example");
        assert.equal(pinnedReleaseArgs({ pin, namespace: "ns", values: {}, releaseName: "other" }).name, "other");
    });

    it("is atomic, cleans up on failure, keeps bounded history and never creates its namespace", () => {
        const args = pinnedReleaseArgs({ pin, namespace: "ns", values: {} });
        assert.equal(args.atomic, true);
        assert.equal(args.skipAwait, false);
        assert.equal(args.cleanupOnFail, true);
        assert.equal(args.maxHistory, MAX_HISTORY);
        assert.equal(args.createNamespace, false);
        assert.equal(args.timeout, DEFAULT_TIMEOUT_SECONDS);
    });

    it("gives up atomicity when it must not wait (Helm makes atomic imply wait)", () => {
        const args = pinnedReleaseArgs({ pin, namespace: "ns", values: {}, skipAwait: true, timeoutSeconds: 60 });
        assert.equal(args.skipAwait, true);
        assert.equal(args.atomic, false);
        assert.equal(args.timeout, 60);
    });
});

describe("helmPlacement", () => {
    it("selects the tier's nodes with the tier table's label", () => {
        assert.deepEqual(helmPlacement("system").nodeSelector, placement("system").nodeSelector);
        assert.deepEqual(helmPlacement("ingress").nodeSelector, placement("ingress").nodeSelector);
    });

    it("tolerates exactly the taint of a dedicated tier", () => {
        assert.deepEqual(helmPlacement("data").tolerations, placement("data").tolerations);
        assert.ok((helmPlacement("data").tolerations ?? []).length > 0);
    });

    it("leaves the chart's tolerations alone on the untainted system tier", () => {
        assert.deepEqual(placement("system").tolerations, []);
        assert.equal("tolerations" in helmPlacement("system"), false);
    });
});
