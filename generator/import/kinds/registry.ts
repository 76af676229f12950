import { alarms } from "./alarms";
import { functions } from "./functions";
import type { EndpointImporter, ImportKind } from "./kind";
import { mappings } from "./mappings";
import { redrive } from "./redrive";
import { triggers } from "./triggers";

/** Every kind importer, run in phase order (see ImportKind). One line per family; each family is its own file. */
export const KINDS: readonly ImportKind[] = [functions, mappings, triggers, redrive, alarms].sort((a, b) => a.phase - b.phase);

/** The resource types the wiring can refer to by ARN, and who turns them into spec entries. */
export const ENDPOINTS: ReadonlyMap<string, EndpointImporter> = new Map(KINDS.flatMap((k) => Object.entries(k.endpoints ?? {})));
