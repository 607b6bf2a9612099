import { flag } from "./common";
import { rdsPolicy } from "./rds";

/** FSBP RDS.3: storage, automated backups, snapshots and replicas are encrypted only if the instance is created so. */
export const awsRdsInstanceEnableStorageEncryption = rdsPolicy({
    name: "aws-rds-instance-enable-storage-encryption",
    description: "RDS instances encrypt their storage at rest.",
    control: "aws-fsbp:RDS.3",
    severity: "high",
    remediationSteps:
        "Set storageEncrypted: true (and kmsKeyId to a customer-managed key). Existing instances need a snapshot restore.",
    check: (props) => {
        const encrypted = flag(props["storageEncrypted"]);
        return encrypted === false || encrypted === undefined
            ? "does not encrypt its storage (storageEncrypted is not true)"
            : undefined;
    },
});
