/** Every policy of the pack. Tests and CLIs import this (never ../index.ts, which starts the analyzer server). */
import type { TerracePolicy } from "../lib/policy";
import { awsPolicies } from "./aws";
import { kubernetesPolicies } from "./kubernetes";
import { pssPolicies } from "./pss";

export const policies: TerracePolicy[] = [...pssPolicies, ...kubernetesPolicies, ...awsPolicies];
