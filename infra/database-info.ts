import * as pulumi from "@pulumi/pulumi";

/** What the database module hands to the application layer. */
export interface DatabaseInfo {
    /** Host name of the RDS instance (no port). */
    readonly address: pulumi.Output<string>;
    readonly port: pulumi.Output<number>;
    /** Database created at launch. */
    readonly name: string;
    /** Master user name (the application's migrations run as it; see docs). */
    readonly username: string;
    /** Master password, a Pulumi secret. */
    readonly password: pulumi.Output<string>;
    /** The instance, for workloads that must wait for it (the migration Job). */
    readonly instance: pulumi.Resource;
}
