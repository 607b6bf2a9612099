import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { record, text } from "../../lib/values";
import { kubeObject, label } from "./objects";

const CONTROL = "terrace:loadbalancer-allowlist";

export interface LoadBalancerSettings {
    readonly allowedLoadBalancers: string[];
}

/** Whether `namespace/name` matches an allow-list entry (`namespace/name`, or `namespace/*` for a whole namespace). */
export function loadBalancerAllowed(namespace: string, name: string | undefined, allowed: readonly string[]): boolean {
    return allowed.some((entry) => {
        const [ns, svc] = entry.split("/", 2);
        return ns === namespace && (svc === "*" || (name !== undefined && svc === name));
    });
}

/**
 * Every LoadBalancer Service is an internet-facing NLB with its own security group; only the ingress gateway
 * (where TLS, routing and network policy apply) may have one.
 */
export const kubernetesServiceDisallowLoadbalancer: TerraceResourcePolicy = {
    name: "kubernetes-service-disallow-loadbalancer",
    description: "Services of type LoadBalancer exist only where the pack config allows them (the ingress gateway).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["kubernetes", "network"],
    controls: [CONTROL],
    remediationSteps: "Expose the service through an HTTPRoute on the Gateway, or allow it in allowedLoadBalancers.",
    configSchema: {
        properties: {
            allowedLoadBalancers: {
                type: "array",
                items: {
                    type: "string",
                    pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?/(\\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$",
                },
                description: "Services allowed to be LoadBalancers, as namespace/name or namespace/* .",
                default: [],
            },
        },
    },
    validateResource: (args, report) => {
        const service = kubeObject(args.type, args.props, args.urn, args.name);
        if (!service || service.group !== "core" || service.kind !== "Service") return;
        if (text(record(service.props["spec"])?.["type"]) !== "LoadBalancer") return;
        // A namespace or name computed during preview is judged by `pulumi up`.
        if (typeof service.namespace !== "string" || typeof service.name === "symbol") return;
        const { allowedLoadBalancers } = args.getConfig<LoadBalancerSettings>();
        if (loadBalancerAllowed(service.namespace, service.name, allowedLoadBalancers)) return;
        report(
            finding(
                [CONTROL],
                `${label(service)} is of type LoadBalancer ` +
                    `outside the allowed ${allowedLoadBalancers.length ? allowedLoadBalancers.join(", ") : "(none)"}`,
            ),
        );
    },
};
