import type { Path } from "../diagnostics";
import { isPlainObject } from "../parse/shape";
import type { Reporter } from "../rules/reporter";
import type { Rename } from "./types";

const SECTIONS = ["destinations", "sources", "functions"] as const;

/**
 * `renamedFrom: <old name>` on declared entries. The old name must be free (Terraform refuses a move from an
 * address the config still declares, and a chain `c <- b <- a` in one spec leaves `b` declared) and claimed by
 * one entry only; each broken one is LD281 and moves nothing.
 */
export function resolveRenames(spec: Record<string, unknown>, reporter: Reporter): Rename[] {
  const declared = new Map<string, { section: string; raw: unknown }>();
  for (const section of SECTIONS) for (const [name, raw] of Object.entries((spec[section] ?? {}) as Record<string, unknown>)) declared.set(name, { section, raw });
  const claimed = new Map<string, string>();
  const renames: Rename[] = [];
  for (const [to, { section, raw }] of declared) {
    if (!isPlainObject(raw) || typeof raw.renamedFrom !== "string") continue;
    const from = raw.renamedFrom;
    const path: Path = [section, to, "renamedFrom"];
    const still = declared.get(from);
    if (from === to) {
      reporter.report("LD281", path, `${to} is renamed from its own name; remove renamedFrom`);
    } else if (still) {
      const earlier = isPlainObject(still.raw) && typeof still.raw.renamedFrom === "string" ? still.raw.renamedFrom : undefined;
      const how = earlier ? `; ${from} is itself renamed from ${earlier}: rename in one step (renamedFrom: ${earlier}) and remove ${from}` : `; remove renamedFrom, or remove ${from}`;
      reporter.report("LD281", path, `${JSON.stringify(from)} is still declared under ${still.section}, and Terraform cannot move resources from addresses the configuration still declares${how}`);
    } else if (claimed.has(from)) {
      reporter.report("LD281", path, `${claimed.get(from)} is renamed from ${JSON.stringify(from)} already: one entry can take over an old name's resources; remove one renamedFrom`);
    } else {
      claimed.set(from, to);
      renames.push({ section, from, to, path });
    }
  }
  return renames;
}
