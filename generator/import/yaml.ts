import type { Context } from "./context";
import type { Draft } from "./kinds/kind";

/** An entry's keys in the order docs/spec.md lists them (others after, as the kinds wrote them). */
const ORDER = ["type", "arn", "code", "runtime", "handler", "memory", "timeout", "architecture", "environment", "description", "reservedConcurrency", "layers", "tracing", "logRetention", "role", "qualifier", "permissionsBoundary", "managedPolicies", "policies", "vpc", "deadLetterQueue", "tags", "triggers", "async", "events"];
const RANK = new Map(ORDER.map((k, i) => [k, i]));
function ordered(entry: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(entry);
  keys.sort((a, b) => (RANK.get(a) ?? ORDER.length) - (RANK.get(b) ?? ORDER.length));
  return Object.fromEntries(keys.map((k) => [k, entry[k]]));
}

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
    if (keys.length) out[section] = Object.fromEntries(keys.map((k) => [k, ordered(entries[k])]));
  }
  if (draft.monitoring) out.monitoring = draft.monitoring;
  return out;
}

/**
 * The spec's YAML; above each entry, the addresses it was imported from and the kinds' notes. Block style, a
 * string plain only when YAML reads it back as that same string (else JSON's double-quoted form, which is YAML
 * too). Written here rather than by the yaml package's Document, whose toString took 0.2-0.6 s of a 1,000-function
 * import (which writes it twice when the role policies are planned again); test/import.test.ts reads it back
 * with the yaml package.
 */
export function specYaml(draft: Draft, ctx: Context, header: string): string {
  const comments = new Map<string, string[]>();
  for (const [where, addresses] of ctx.origins) comments.set(where, [...addresses]);
  for (const [where, notes] of ctx.notes) comments.set(where, [...(comments.get(where) ?? []), ...notes]);
  // (an endpoint's comments are kept under destinations; one read only as a source is written under sources)
  for (const where of [...comments.keys()]) {
    const [section, key, ...rest] = where.split("\0");
    if (section === "destinations" && !(key in draft.destinations) && key in draft.sources) comments.set(["sources", key, ...rest].join("\0"), comments.get(where)!);
  }
  const lines: string[] = header.split("\n").map((l) => `#${l}`);
  lines.push("");
  block(specData(draft), "", 0, comments, lines);
  return lines.join("\n") + "\n";
}

function block(value: Record<string, unknown>, path: string, indent: number, comments: Map<string, string[]>, out: string[]): void {
  const pad = " ".repeat(indent);
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    const here = path ? `${path}\0${key}` : key;
    for (const c of comments.get(here) ?? []) out.push(`${pad}# ${c}`);
    const head = `${pad}${scalar(key)}:`;
    if (isMap(v) && Object.keys(v).length) {
      out.push(head);
      block(v, here, indent + 2, comments, out);
    } else if (Array.isArray(v) && v.length) {
      out.push(head);
      items(v, here, indent + 2, comments, out);
    } else out.push(`${head} ${inline(v)}`);
  }
}

function items(list: unknown[], path: string, indent: number, comments: Map<string, string[]>, out: string[]): void {
  const pad = " ".repeat(indent);
  list.forEach((item, i) => {
    const here = `${path}\0${i}`;
    for (const c of comments.get(here) ?? []) out.push(`${pad}# ${c}`);
    if (isMap(item) && Object.keys(item).length) {
      const nested: string[] = [];
      block(item, here, indent + 2, comments, nested);
      // The first key goes on the dash's line (its comments, if any, above the dash).
      const first = nested.findIndex((l) => !l.trimStart().startsWith("#"));
      out.push(...nested.slice(0, first).map((l) => `${pad}${l.trimStart()}`));
      out.push(`${pad}- ${nested[first].slice(indent + 2)}`, ...nested.slice(first + 1));
    } else if (Array.isArray(item) && item.length) {
      out.push(`${pad}-`);
      items(item, here, indent + 2, comments, out);
    } else out.push(`${pad}- ${inline(item)}`);
  });
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function inline(v: unknown): string {
  if (Array.isArray(v)) return "[]";
  if (isMap(v)) return "{}";
  return scalar(v);
}

/** Words YAML 1.1 or 1.2 reads as something other than a string. */
const SPECIAL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|\.inf|\.Inf|\.INF|-\.inf|\.nan|\.NaN|\.NAN)$/;
/** A string YAML reads back as itself when written plain: no indicator first, no `: ` or ` #`, not a number. */
const PLAIN = /^[A-Za-z_/$(][A-Za-z0-9_ ./@$()*?+=,<>^'"!%&:-]*(?<![ :])$/;

function scalar(v: unknown): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "null";
  const s = String(v);
  if (/^\d+[smhd]$/.test(s)) return s;
  if (PLAIN.test(s) && !SPECIAL.test(s) && !s.includes(" #") && !s.includes(": ")) return s;
  return JSON.stringify(s);
}
