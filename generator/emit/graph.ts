import { triggerKindOf } from "../kinds/triggers/registry";
import type { Model } from "../model/types";

interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

function edges(model: Model): GraphEdge[] {
  const out: GraphEdge[] = [];
  for (const fn of model.functions) {
    for (const t of fn.triggers) {
      out.push({ from: triggerKindOf(t.kind).describe(t), to: fn.name, label: t.kind });
    }
    for (const m of fn.events) {
      out.push({ from: m.source.target.name, to: fn.name, label: "event source" });
      if (m.onFailure) out.push({ from: fn.name, to: m.onFailure.target.name, label: "on failure" });
    }
    if (fn.async?.onSuccess) out.push({ from: fn.name, to: fn.async.onSuccess.target.name, label: "on success" });
    if (fn.async?.onFailure) out.push({ from: fn.name, to: fn.async.onFailure.target.name, label: "on failure" });
    if (fn.deadLetterQueue) out.push({ from: fn.name, to: fn.deadLetterQueue.target.name, label: "dead letter" });
  }
  return out;
}

/** The wiring as a Mermaid flowchart or a Graphviz digraph. */
export function graph(model: Model, format: "mermaid" | "dot"): string {
  const ids = new Map<string, string>();
  const id = (name: string) => {
    if (!ids.has(name)) ids.set(name, `n${ids.size}`);
    return ids.get(name)!;
  };
  const list = edges(model);
  const quote = (s: string) => JSON.stringify(s);
  if (format === "dot") {
    const lines = list.map((e) => `  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.label)}];`);
    return `digraph ${quote(model.name)} {\n  rankdir=LR;\n${lines.join("\n")}\n}\n`;
  }
  const mermaidText = (s: string) => `"${s.replace(/"/g, "#quot;")}"`;
  const lines = list.map((e) => `  ${id(e.from)}[${mermaidText(e.from)}] -->|${e.label}| ${id(e.to)}[${mermaidText(e.to)}]`);
  return `flowchart LR\n${lines.join("\n")}\n`;
}
