import { alarms } from "./alarms";
import { asyncConfigs } from "./async";
import { attached } from "./attached";
import { buses } from "./buses";
import { declared } from "./declared";
import { functions } from "./functions";
import { iam } from "./iam";
import type { Defaults, EndpointImporter, ImportKind } from "./kind";
import { logs } from "./logs";
import { mappings } from "./mappings";
import { queues } from "./sqs";
import { redrive, redriveTargets } from "./redrive";
import { topics } from "./sns";
import { streams } from "./streams";
import { triggers } from "./triggers";

/** Every kind importer, run in phase order (see ImportKind). One line per family; each family is its own file. */
export const KINDS: readonly ImportKind[] = [functions, logs, asyncConfigs, mappings, triggers, declared, redriveTargets, iam, queues, topics, buses, streams, redrive, alarms, attached].sort((a, b) => a.phase - b.phase);

/** The resource types the wiring can refer to by ARN, and who turns them into spec entries. */
export const ENDPOINTS: ReadonlyMap<string, EndpointImporter> = new Map(KINDS.flatMap((k) => Object.entries(k.endpoints ?? {})));

/** Every kind's defaults, by resource type. */
export const DEFAULTS: Defaults = {};
for (const kind of KINDS) for (const [type, table] of Object.entries(kind.defaults ?? {})) DEFAULTS[type] = { ...DEFAULTS[type], ...table };
