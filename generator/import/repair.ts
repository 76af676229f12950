import { formatDiagnostic } from "../diagnostics";
import type { Diagnostic } from "../rules/reporter";
import type { Context } from "./context";
import type { Draft } from "./kinds/kind";

/** Keys an entry cannot do without: an error on one of them is not repaired by leaving it out. */
const REQUIRED = new Set(["code", "type", "arn", "source", "runtime", "handler"]);

/** A value the state holds that ldgen's rules refuse: where it is in the draft, and the address it came from. */
interface Refused {
  found: NonNullable<ReturnType<typeof locate>>;
  source: string;
  required: boolean;
}

function refused(draft: Draft, d: Diagnostic, ctx: Context): Refused | undefined {
  if (d.severity !== "error") return undefined;
  const found = locate(draft as unknown as Record<string, unknown>, d.path);
  if (!found || found.steps.length < 3) return undefined;
  const { steps } = found;
  const source = ctx.origins.get(steps.slice(0, 2).join("\0"))?.[0] ?? ctx.origins.get(["sources", steps[1]].join("\0"))?.[0] ?? `${steps[0]}.${steps[1]}`;
  return { found, source, required: steps.length === 3 && REQUIRED.has(String(steps[2])) };
}

/**
 * What ldgen's rules refuse of a value the state holds (a runtime it does not know, a reserved environment
 * variable, a timeout over Lambda's limit): the value leaves the spec, and is a difference of the resource it came
 * from, with the rule's message. True when something was left out (the spec is then checked again).
 */
export function dropRejected(draft: Draft, diagnostics: Diagnostic[], ctx: Context): boolean {
  let dropped = false;
  for (const d of diagnostics) {
    const r = refused(draft, d, ctx);
    if (!r || r.required) continue;
    const { parent, key } = r.found;
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
    const unknown = ctx.filled.unknown.get(r.source);
    const plan = unknown ? ` (the plan does not know its ${[...unknown].slice(0, 3).join(", ")}${unknown.size > 3 ? ", ..." : ""} until apply: import the state once applied)` : "";
    ctx.difference(r.source, `(spec) ${d.path}`, `ldgen's rules refuse what the state holds (${d.code}: ${d.message}): the spec leaves it out${plan}`);
    dropped = true;
  }
  return dropped;
}

/**
 * The import's errors for a spec that still does not validate: a refused value the entry cannot do without (a
 * runtime ldgen does not know) names the resource it came from and the value; anything else is ldgen's own fault.
 */
export function importErrors(draft: Draft, diagnostics: Diagnostic[], ctx: Context): { message: string; address?: string }[] {
  return diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => {
      const r = refused(draft, d, ctx);
      if (!r?.required) return { message: `the imported spec does not validate (an importer's fault; please report it): ${formatDiagnostic(d)}` };
      const value = JSON.stringify(r.found.parent[r.found.key as never]);
      return { address: r.source, message: `${r.source}: the state holds ${d.path} = ${value}, which ldgen's rules refuse (${d.code}: ${d.message}), and the spec cannot leave it out: change it in the root first, or leave the resource out of the input` };
    });
}

/** The container and key a diagnostic's path (`functions.resize.environment.AWS_REGION`, `layers[0]`) names. */
function locate(root: Record<string, unknown>, path: string): { parent: Record<string, unknown> | unknown[]; key: string | number; steps: (string | number)[] } | undefined {
  const tokens = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: unknown = root;
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  const steps: (string | number)[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (Array.isArray(node) && /^\[\d+\]$/.test(token)) {
      const index = Number(token.slice(1, -1));
      if (index >= node.length) return undefined;
      [parent, key, node] = [node, index, node[index]];
      steps.push(index);
      continue;
    }
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    // (a key may hold dots: tags' `weird-key.name`)
    let name = token;
    let j = i;
    while (!(name in (node as Record<string, unknown>)) && j + 1 < tokens.length && !tokens[j + 1].startsWith("[")) name += `.${tokens[++j]}`;
    if (!(name in (node as Record<string, unknown>))) return undefined;
    i = j;
    [parent, key, node] = [node as Record<string, unknown>, name, (node as Record<string, unknown>)[name]];
    steps.push(name);
  }
  return parent === undefined || key === undefined ? undefined : { parent, key, steps };
}
