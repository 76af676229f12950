import type { Endpoint } from "../model/types";
import { block, body, str, type Item } from "../plan/view";

/** The `source_access_configuration` for a source's Secrets Manager secret, when it has one. */
export function secretAccess(source: Endpoint, type: "BASIC_AUTH" | "SASL_SCRAM_512_AUTH"): Item[] {
  return source.secret === undefined ? [] : [block("source_access_configuration", body({ type: str(type), uri: str(source.secret) }), true)];
}
