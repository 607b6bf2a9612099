/**
 * S3 buckets and their settings resources. With @pulumi/aws v7 a bucket's public access block, versioning,
 * encryption and policy are separate resources naming the bucket in their `bucket` input, so the S3 policies are
 * stack policies that first find, for each bucket, the settings resources that belong to it.
 *
 * Correlation: a known `bucket` value matches a bucket's physical name (`bucket` input or output), its id, or its
 * Pulumi name; otherwise the resource the value came from decides (the engine's propertyDependencies, or the
 * plan's dependencies). A settings resource whose bucket is unknown and cannot be traced makes every bucket that
 * lacks that setting undecided rather than in violation.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isUnknown, plainProps, text } from "../../lib/values";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

export interface Bucket {
    readonly resource: PolicyResource;
    readonly props: Record<string, unknown>;
    /** "S3 bucket <physical name or Pulumi name>" */
    readonly label: string;
}

export interface Settings {
    readonly resource: PolicyResource;
    readonly props: Record<string, unknown>;
}

export interface BucketSettings {
    readonly bucket: Bucket;
    /** The settings resources of the requested types that belong to this bucket. */
    readonly settings: Settings[];
    /** True when some settings resource could not be tied to a bucket (it may be this one's). */
    readonly undecided: boolean;
}

function keysOf(bucket: Bucket): Set<string> {
    const keys = new Set<string>([bucket.resource.name]);
    for (const field of ["bucket", "id"]) {
        const value = text(bucket.props[field]);
        if (value !== undefined) keys.add(value);
    }
    return keys;
}

function sources(resource: PolicyResource): PolicyResource[] {
    const byProperty = resource.propertyDependencies?.["bucket"] ?? [];
    return byProperty.length > 0 ? byProperty : (resource.dependencies ?? []);
}

/** Every bucket of the stack with its settings resources of the given types. */
export function bucketsWithSettings(
    resources: readonly PolicyResource[],
    settingsTypes: readonly string[],
): BucketSettings[] {
    const buckets: Bucket[] = resources
        .filter((r) => BUCKET_TYPES.includes(r.type))
        .map((r) => {
            const props = plainProps(r.props);
            return { resource: r, props, label: `S3 bucket ${text(props["bucket"]) ?? r.name}` };
        });
    const owned = new Map<Bucket, Settings[]>(buckets.map((b) => [b, []]));
    let undecided = false;
    for (const resource of resources) {
        if (!settingsTypes.includes(resource.type)) continue;
        const props = plainProps(resource.props);
        const value = props["bucket"];
        const name = isUnknown(value) ? undefined : text(value);
        let matches = name === undefined ? [] : buckets.filter((b) => keysOf(b).has(name));
        if (matches.length === 0) {
            const from = new Set(sources(resource).map((r) => r.urn));
            matches = buckets.filter((b) => from.has(b.resource.urn));
        }
        if (matches.length === 0) {
            // A known name that no bucket here has belongs to a bucket made elsewhere; an unknown one may be ours.
            if (name === undefined) undecided = true;
            continue;
        }
        for (const bucket of matches) owned.get(bucket)!.push({ resource, props });
    }
    return buckets.map((bucket) => ({ bucket, settings: owned.get(bucket)!, undecided }));
}
