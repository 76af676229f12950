import type { Path } from "../diagnostics";
import { isPlainObject } from "../parse/shape";
import type { Reporter } from "../rules/reporter";
import type { Model, Rename } from "./types";

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

/**
 * An inline entry's AWS name follows its owner's explicit `awsName`: `<function>-on-failure` is named
 * `<awsName>-on-failure` (a queue's `<queue>-dlq` `<awsName>-dlq`), so that keeping a renamed entry's AWS name
 * keeps those of what is written inside it. An inline entry's own `awsName` wins; by default nothing changes.
 */
export function inheritAwsNames(model: Model, spec: Record<string, unknown>): void {
  const owners = new Map<string, { name: string; awsName: string }>();
  for (const fn of model.functions) if (!fn.arn) owners.set(`functions.${fn.name}`, fn);
  for (const e of model.endpoints) if (!e.fn && e.created && e.path.length === 2) owners.set(`${e.path[0]}.${e.path[1]}`, e);
  for (const e of model.endpoints) {
    if (e.fn || !e.created || e.path.length <= 2 || hasOwnAwsName(spec, e.path)) continue;
    const owner = owners.get(`${e.path[0]}.${e.path[1]}`);
    if (!owner) continue;
    const base = `${model.name}-${owner.name}`;
    const given = owner.awsName.replace(/\.fifo$/, "");
    if (given !== base && e.awsName.startsWith(base)) e.awsName = given + e.awsName.slice(base.length);
  }
}

function hasOwnAwsName(spec: unknown, path: Path): boolean {
  let node = spec;
  for (const part of path) node = isPlainObject(node) ? node[String(part)] : Array.isArray(node) && typeof part === "number" ? node[part] : undefined;
  return isPlainObject(node) && typeof node.awsName === "string";
}
