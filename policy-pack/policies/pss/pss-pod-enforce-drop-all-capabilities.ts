import { isWindowsPod } from "../../lib/pods";
import { containerContexts, pssPolicy } from "../../lib/pss";
import { at, isUnknown, list, text } from "../../lib/values";

/** Restricted "Capabilities": drop ALL, and add back at most NET_BIND_SERVICE (Linux only). */
export const pssPodEnforceDropAllCapabilities = pssPolicy({
    name: "pss-pod-enforce-drop-all-capabilities",
    description:
        "Containers must drop ALL capabilities and may add only NET_BIND_SERVICE (PSS restricted: Capabilities).",
    level: "restricted",
    control: "capabilities",
    remediationSteps:
        'Set securityContext.capabilities.drop: ["ALL"]; add back NET_BIND_SERVICE only if the process binds a port below 1024.',
    check: (pod) =>
        isWindowsPod(pod)
            ? []
            : containerContexts(pod).flatMap(({ who, context }) => {
                  const out: string[] = [];
                  const drop = at(context, "capabilities", "drop");
                  const dropsAll = isUnknown(drop) || list(drop).some((c) => text(c) === "ALL" || isUnknown(c));
                  if (!dropsAll) out.push(`${who} must drop ALL capabilities`);
                  const added = list(at(context, "capabilities", "add"))
                      .map(text)
                      .filter((c): c is string => c !== undefined && c !== "NET_BIND_SERVICE");
                  if (added.length > 0) out.push(`${who} adds ${added.join(", ")}`);
                  return out;
              }),
});
