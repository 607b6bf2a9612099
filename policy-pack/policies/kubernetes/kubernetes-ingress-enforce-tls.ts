import { finding, TerraceResourcePolicy } from "../../lib/policy";
import { isUnknown, list, record, text } from "../../lib/values";
import { kubeObject, label } from "./objects";

const CONTROL = "cis-eks:5.4.5";

/** Whether a TLS host entry (possibly `*.example.com`) covers a rule host. */
export function tlsCovers(tlsHost: string, host: string): boolean {
    if (tlsHost === host) return true;
    if (!tlsHost.startsWith("*.")) return false;
    const suffix = tlsHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes(".");
}

/** CIS EKS 5.4.5: what reaches the cluster from outside is encrypted; an Ingress serves each of its hosts over TLS. */
export const kubernetesIngressEnforceTls: TerraceResourcePolicy = {
    name: "kubernetes-ingress-enforce-tls",
    description: "Every Ingress terminates TLS for every host it routes.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["kubernetes", "network", "encryption"],
    controls: [CONTROL],
    remediationSteps: "Add spec.tls entries (hosts and a cert-manager secretName) covering every rule host.",
    validateResource: (args, report) => {
        const ingress = kubeObject(args.type, args.props, args.urn, args.name);
        if (!ingress || ingress.group !== "networking.k8s.io" || ingress.kind !== "Ingress") return;
        const spec = ingress.props["spec"];
        if (isUnknown(spec)) return;
        const tls = record(spec)?.["tls"];
        if (isUnknown(tls)) return;
        const who = label(ingress);
        const entries = list(tls)
            .map(record)
            .filter((e) => e !== undefined);
        if (entries.length === 0) {
            report(finding([CONTROL], `${who} has no TLS (spec.tls is empty)`));
            return;
        }
        // An entry without hosts holds the controller's default certificate for every host.
        if (entries.some((e) => e["hosts"] === undefined || isUnknown(e["hosts"]) || list(e["hosts"]).length === 0))
            return;
        const tlsHosts = entries.flatMap((e) => list(e["hosts"])).map(text);
        if (tlsHosts.some((h) => h === undefined)) return;
        for (const rule of list(record(spec)?.["rules"])) {
            const host = record(rule)?.["host"];
            if (isUnknown(host)) continue;
            const name = text(host);
            if (name === undefined) {
                report(finding([CONTROL], `${who} routes requests for any host, which its TLS hosts do not cover`));
            } else if (!tlsHosts.some((t) => tlsCovers(t as string, name))) {
                report(finding([CONTROL], `${who} serves host ${name} without TLS`));
            }
        }
    },
};
