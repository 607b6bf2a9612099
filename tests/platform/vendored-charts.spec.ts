import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const VENDORED = path.resolve(__dirname, "../fixtures/charts");
/** The read-only source the pins come from, present beside a developer's checkout (not in every CI clone). */
const SHARED = path.resolve(__dirname, "../../../shared/charts");

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function filesUnder(root: string, dir = ""): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = path.join(dir, e.name);
        return e.isDirectory() ? filesUnder(root, rel) : [rel];
    });
}

describe("vendored chart defaults (tests/fixtures/charts)", () => {
    it("match the checksums they were copied with", () => {
        const sums = fs
            .readFileSync(path.join(VENDORED, "SHA256SUMS"), "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => line.split(/\s+/) as [string, string]);
        assert.ok(sums.length > 10);
        for (const [sum, file] of sums) {
            if (file === "./SHA256SUMS") continue;
            assert.equal(sha256(path.join(VENDORED, file)), sum, file);
        }
    });

    it("are byte for byte the shared pins, where ../shared/charts exists", function () {
        if (!fs.existsSync(SHARED)) this.skip();
        const shared = filesUnder(SHARED).sort();
        assert.deepEqual(filesUnder(VENDORED).sort(), shared, "the same files");
        for (const file of shared)
            assert.equal(sha256(path.join(VENDORED, file)), sha256(path.join(SHARED, file)), file);
    });
});
