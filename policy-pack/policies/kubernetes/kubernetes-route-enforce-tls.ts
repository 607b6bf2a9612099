import { finding, TerraceStackPolicy } from "../../lib/policy";
import { Unknown, isUnknown, list, record, text } from "../../lib/values";
import { KubeObject, kubeObjects, label, sameName, selects } from "./objects";

const CONTROL = "cis-eks:5.4.5";
const GATEWAY_GROUP = "gateway.networking.k8s.io";
/** Route kinds that carry HTTP, which a plain-HTTP listener would serve in clear text. */
const HTTP_ROUTE_KINDS = ["HTTPRoute", "GRPCRoute"];
const TLS_PROTOCOLS = ["HTTPS", "TLS"];

interface Listener {
    readonly name: string;
    readonly port: unknown;
    readonly protocol: string | undefined;
    readonly spec: Record<string, unknown>;
}

function listenersOf(gateway: KubeObject): Listener[] | Unknown {
    const listeners = record(gateway.props["spec"])?.["listeners"];
    if (isUnknown(listeners)) return listeners;
    return list(listeners).flatMap((entry) => {
        const spec = record(entry);
        if (!spec) return [];
        return [
            { name: text(spec["name"]) ?? "(unnamed)", port: spec["port"], protocol: text(spec["protocol"]), spec },
        ];
    });
}

/** Whether a listener admits routes from a namespace (allowedRoutes.namespaces; default Same). */
function admits(
    listener: Listener,
    gateway: KubeObject,
    routeNamespace: string,
    namespaces: readonly KubeObject[],
): boolean {
    const from = record(record(listener.spec["allowedRoutes"])?.["namespaces"]);
    const mode = text(from?.["from"]) ?? "Same";
    if (mode === "All") return true;
    if (mode === "Same") return gateway.namespace === routeNamespace;
    // Selector: judged on the namespace's labels when the stack creates it; otherwise assume the route attaches.
    const namespace = namespaces.find((n) => sameName(n.name, routeNamespace));
    if (!namespace) return true;
    return selects(from?.["selector"], record(namespace.props["metadata"])?.["labels"]) !== false;
}

/** True when every rule of a route only redirects to https (the usual port-80 listener's job). */
function onlyRedirectsToHttps(route: KubeObject): boolean {
    return list(record(route.props["spec"])?.["rules"]).every((entry) => {
        const rule = record(entry) ?? {};
        const redirects = list(rule["filters"]).some((f) => {
            const filter = record(f);
            return (
                text(filter?.["type"]) === "RequestRedirect" &&
                text(record(filter?.["requestRedirect"])?.["scheme"]) === "https"
            );
        });
        return redirects && list(rule["backendRefs"]).length === 0;
    });
}

/**
 * CIS EKS 5.4.5 for the Gateway API: a route carries TLS when the listeners it attaches to terminate TLS. A route
 * on a plain-HTTP listener is allowed only when all it does is redirect to https. Judged on the stack (a route
 * and its Gateway are separate objects); a route whose Gateway the stack does not hold cannot be judged here.
 */
export const kubernetesRouteEnforceTls: TerraceStackPolicy = {
    name: "kubernetes-route-enforce-tls",
    description:
        "Every HTTPRoute and GRPCRoute is served only on TLS listeners (plain HTTP only to redirect to https), " +
        "and every HTTPS listener has a certificate.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["kubernetes", "network", "encryption", "gateway-api"],
    controls: [CONTROL],
    remediationSteps:
        "Attach routes to the Gateway's HTTPS listener (parentRefs[].sectionName); give the HTTP listener only a " +
        "RequestRedirect route to https; reference a cert-manager certificate in every HTTPS listener.",
    validateStack: (args, report) => {
        const objects = kubeObjects(args.resources);
        const gateways = objects.filter((o) => o.group === GATEWAY_GROUP && o.kind === "Gateway");
        const namespaces = objects.filter((o) => o.group === "core" && o.kind === "Namespace");

        for (const gateway of gateways) {
            const listeners = listenersOf(gateway);
            if (isUnknown(listeners)) continue;
            for (const listener of listeners) {
                if (listener.protocol !== "HTTPS") continue;
                const tls = listener.spec["tls"];
                if (isUnknown(tls)) continue;
                const mode = text(record(tls)?.["mode"]) ?? "Terminate";
                const certificates = record(tls)?.["certificateRefs"];
                if (mode === "Terminate" && !isUnknown(certificates) && list(certificates).length === 0) {
                    report(
                        finding(
                            [CONTROL],
                            `listener ${listener.name} of ${label(gateway)} is HTTPS without a certificate`,
                        ),
                        gateway.urn,
                    );
                }
            }
        }

        for (const route of objects) {
            if (route.group !== GATEWAY_GROUP || !HTTP_ROUTE_KINDS.includes(route.kind)) continue;
            const routeNamespace = route.namespace;
            if (isUnknown(routeNamespace) || onlyRedirectsToHttps(route)) continue;
            for (const entry of list(record(route.props["spec"])?.["parentRefs"])) {
                const ref = record(entry);
                if (!ref) continue;
                if (
                    (text(ref["group"]) ?? GATEWAY_GROUP) !== GATEWAY_GROUP ||
                    (text(ref["kind"]) ?? "Gateway") !== "Gateway"
                )
                    continue;
                const name = text(ref["name"]);
                const namespace = ref["namespace"] === undefined ? routeNamespace : text(ref["namespace"]);
                if (name === undefined || namespace === undefined) continue;
                const gateway = gateways.find((g) => sameName(g.name, name) && g.namespace === namespace);
                if (!gateway) continue;
                const listeners = listenersOf(gateway);
                if (isUnknown(listeners)) continue;
                const sectionName = text(ref["sectionName"]);
                const port = ref["port"];
                const plain = listeners.filter(
                    (l) =>
                        (sectionName === undefined || l.name === sectionName) &&
                        (port === undefined || l.port === port) &&
                        l.protocol !== undefined &&
                        !TLS_PROTOCOLS.includes(l.protocol) &&
                        admits(l, gateway, routeNamespace, namespaces),
                );
                for (const listener of plain) {
                    report(
                        finding(
                            [CONTROL],
                            `${label(route)} is served without TLS on listener ` +
                                `${listener.name} (${listener.protocol}) of ${label(gateway)}`,
                        ),
                        route.urn,
                    );
                }
            }
        }
    },
};
