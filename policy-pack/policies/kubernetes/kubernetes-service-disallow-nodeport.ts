import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { record, text } from "../../lib/values";
import { kubeObject, label } from "./objects";

const CONTROL = "terrace:no-nodeport";

/**
 * A NodePort opens the same port on every node, beside the gateway and outside any load balancer's security
 * group rules; traffic from outside enters only through the ingress gateway.
 */
export const kubernetesServiceDisallowNodeport: TerraceResourcePolicy = {
    name: "kubernetes-service-disallow-nodeport",
    description: "No Service is of type NodePort.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["kubernetes", "network"],
    controls: [CONTROL],
    remediationSteps: "Use a ClusterIP Service and route outside traffic through the Gateway.",
    validateResource: (args, report) => {
        const service = kubeObject(args.type, args.props, args.urn, args.name);
        if (!service || service.group !== "core" || service.kind !== "Service") return;
        if (text(record(service.props["spec"])?.["type"]) !== "NodePort") return;
        report(finding([CONTROL], `${label(service)} is of type NodePort`));
    },
};
