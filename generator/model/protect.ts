import { pathTo, type Path } from "../diagnostics";
import { kindOf, typesWhere } from "../kinds/registry";
import { isPlainObject } from "../parse/shape";
import type { Reporter } from "../rules/reporter";
import type { LambdaFunction, Model } from "./types";

/** What `require.protect` may name: `lambda` (every function ldgen creates) and the kinds of endpoint ldgen creates. */
export const PROTECTABLE: readonly string[] = ["lambda", ...typesWhere((k) => k.create)];

/**
 * Whether each entry is protected (`lifecycle { prevent_destroy = true }` on what holds its data, plan/protect.ts):
 * its own `protect` (for a function, its entry's or `defaults.protect`); else true for a kind the platform's
 * `require.protect` names; else, for an inline entry, the `protect` of the entry it is written in (a function's
 * inline on-failure queue, a queue's inline dead-letter queue). `protect: true` on an entry given by `arn` protects
 * nothing ldgen creates (LD280), except on a function whose stream mappings ldgen creates.
 */
export function resolveProtection(model: Model, spec: unknown, required: readonly string[], reporter: Reporter): void {
  const need = new Set(required);
  const byEntry = new Map<string, { protect?: boolean; protectAt?: Path }>();
  for (const fn of model.functions) {
    if (fn.protect === undefined && !fn.arn && need.has("lambda")) fn.protect = true;
    byEntry.set(`functions.${fn.name}`, fn);
    if (fn.protect && fn.arn && !fn.events.some(holdsPosition)) {
      reporter.report("LD280", fn.protectAt!, `${fn.name} is an existing function (given by arn) with no stream mapping, so ldgen creates nothing of it to protect; remove protect (protect it where it is managed)`, "key");
    }
  }
  // Declared entries first: an inline entry inherits from the entry it is written in.
  const endpoints = model.endpoints.filter((e) => !e.fn).sort((a, b) => a.path.length - b.path.length);
  for (const e of endpoints) {
    const own = ownProtect(spec, e.path);
    if (own !== undefined) {
      e.protect = own;
      e.protectAt = pathTo(e.path, "protect");
    } else if (e.created && need.has(e.type)) e.protect = true;
    else if (e.path.length > 2) {
      const owner = byEntry.get(`${e.path[0]}.${e.path[1]}`);
      if (owner?.protect !== undefined) {
        e.protect = owner.protect;
        e.protectAt = owner.protectAt;
      }
    }
    if (e.path.length === 2) byEntry.set(`${e.path[0]}.${e.path[1]}`, e);
    if (own === true && !e.created) {
      reporter.report("LD280", e.protectAt!, `${e.name} is an existing ${kindOf(e.type).title} resource (given by arn): ldgen never creates or destroys it, so protect has nothing to protect; remove it (protect it where it is managed)`, "key");
    }
  }
}

/** A mapping that reads from a position it keeps (streams, Kafka, change streams): what its replacement loses. */
export function holdsPosition(m: LambdaFunction["events"][number]): boolean {
  return kindOf(m.source.target.type).source?.startingPosition !== "forbidden";
}

/** The entry's own `protect`, as written at `path` (an entry or an inline reference object). */
function ownProtect(spec: unknown, path: Path): boolean | undefined {
  let node = spec;
  for (const part of path) node = isPlainObject(node) ? node[String(part)] : Array.isArray(node) && typeof part === "number" ? node[part] : undefined;
  return isPlainObject(node) && typeof node.protect === "boolean" ? node.protect : undefined;
}

