import { Document, isMap, isScalar, isSeq, type Pair, type YAMLMap } from "yaml";
import type { Context } from "./context";
import type { Draft } from "./kinds/kind";

/** The spec in the order docs/spec.md writes it, without empty sections. */
export function specData(draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { version: 1, name: draft.name };
  if (draft.region) out.region = draft.region;
  if (draft.account) out.account = draft.account;
  if (draft.partition && draft.partition !== "aws") out.partition = draft.partition;
  if (draft.tags && Object.keys(draft.tags).length) out.tags = draft.tags;
  for (const section of ["destinations", "sources", "functions"] as const) {
    const entries = draft[section];
    const keys = Object.keys(entries).sort();
    if (keys.length) out[section] = Object.fromEntries(keys.map((k) => [k, entries[k]]));
  }
  if (draft.monitoring) out.monitoring = draft.monitoring;
  return out;
}

/** The spec's YAML; above each entry, the addresses it was imported from and the kinds' notes. */
export function specYaml(draft: Draft, ctx: Context, header: string): string {
  const doc = new Document(specData(draft));
  doc.commentBefore = header;
  const commented = new Set<string>([...ctx.origins.keys(), ...ctx.notes.keys()]);
  for (const where of commented) {
    const path = where.split("\0");
    const pair = pairAt(doc, path);
    if (!pair) continue;
    const lines = (ctx.origins.get(where) ?? []).map((a) => ` ${a}`);
    for (const note of ctx.notes.get(where) ?? []) lines.push(` ${note}`);
    (pair.key as { commentBefore?: string }).commentBefore = lines.join("\n");
  }
  return doc.toString({ lineWidth: 0 });
}

/** The key node to comment at a path (a list item: the item), trying `sources` for `destinations` (a queue read only). */
function pairAt(doc: Document, path: string[]): { key: unknown } | undefined {
  const found = nodeAt(doc, path);
  if (found || (path[0] !== "destinations" && path[0] !== "sources")) return found;
  return nodeAt(doc, [path[0] === "destinations" ? "sources" : "destinations", ...path.slice(1)]);
}

function nodeAt(doc: Document, path: string[]): { key: unknown } | undefined {
  let node: unknown = doc.contents;
  let found: { key: unknown } | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = (node as YAMLMap).items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === step) as Pair | undefined;
      if (!pair) return undefined;
      found = pair;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(step)];
      if (item === undefined || !/^\d+$/.test(step)) return undefined;
      found = { key: item };
      node = item;
    } else return undefined;
  }
  return found;
}
