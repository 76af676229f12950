import { triggerKindOf } from "../kinds/triggers/registry";
import { failurePaths } from "../model/failures";
import type { Endpoint, EndpointType, Model, Trigger } from "../model/types";
import { planMonitoring } from "../plan/monitoring";

/** What a node stands for: its shape in both formats. */
type NodeKind = EndpointType | "trigger" | "alarms";

interface GraphNode {
  id: string;
  label: string;
  kind: NodeKind;
  /** Receives failures (a dead-letter queue, a failure topic): drawn apart. */
  failure: boolean;
}

interface GraphEdge {
  from: GraphNode;
  to: GraphNode;
  /** Only where it says something the shapes do not: outcomes, receive counts. */
  label?: string;
  failure: boolean;
}

/** Mermaid shape delimiters, and Graphviz shapes, per kind of node. */
const MERMAID: Record<NodeKind, [string, string]> = {
  lambda: ["(", ")"],
  sqs: ["[[", "]]"],
  sns: ["{{", "}}"],
  eventbridge: ["[/", "/]"],
  s3: ["[(", ")]"],
  kinesis: ["[(", ")]"],
  dynamodb: ["[(", ")]"],
  msk: ["[(", ")]"],
  kafka: ["[(", ")]"],
  mq: ["[[", "]]"],
  docdb: ["[(", ")]"],
  trigger: [">", "]"],
  alarms: ["[\\", "/]"],
};
const DOT: Record<NodeKind, string> = {
  lambda: "box, style=rounded",
  sqs: "cds",
  sns: "hexagon",
  eventbridge: "parallelogram",
  s3: "cylinder",
  kinesis: "cylinder",
  dynamodb: "cylinder",
  msk: "cylinder",
  kafka: "cylinder",
  mq: "cds",
  docdb: "cylinder",
  trigger: "invhouse",
  alarms: "note",
};

/** Nodes (each once) and edges of the wiring: invokers, sources, destinations, and every failure path. */
function build(model: Model): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const node = (key: string, label: string, kind: NodeKind): GraphNode => {
    let n = nodes.get(key);
    if (!n) nodes.set(key, (n = { id: `n${nodes.size}`, label, kind, failure: false }));
    return n;
  };
  const endpoint = (e: Endpoint) => node(`${e.type}:${e.name}`, e.name, e.type);
  const fnNode = (name: string) => node(`lambda:${name}`, name, "lambda");
  const edges: GraphEdge[] = [];
  /**
   * What invokes a function through a trigger: the topic itself, the bucket, or the EventBridge rule, one node per
   * rule (two rules with the same schedule or on the same bus are two rules), with an edge from the bus it listens on.
   */
  const triggerNode = (t: Trigger): GraphNode => {
    if (t.kind === "sns") return endpoint(t.topic.target);
    if (t.kind === "s3") return node(`trigger:s3:${triggerKindOf(t.kind).describe(t)}`, triggerKindOf(t.kind).describe(t), "s3");
    const known = nodes.has(`trigger:${t.label}`);
    const rule = node(`trigger:${t.label}`, ruleLabel(t), "trigger");
    if (!known && t.kind === "eventPattern" && t.bus) edges.push({ from: endpoint(t.bus.target), to: rule, failure: false });
    return rule;
  };
  const failures = failurePaths(model);
  for (const p of failures) endpoint(p.target).failure = true;

  for (const fn of model.functions) {
    const self = fnNode(fn.name);
    for (const t of fn.triggers) edges.push({ from: triggerNode(t), to: self, failure: false });
    for (const m of fn.events) edges.push({ from: endpoint(m.source.target), to: self, failure: false });
    // Destinations and dead-letter queues take only asynchronous invocations: no edge from a function nothing invokes that way.
    if (fn.async?.onSuccess && fn.asyncInvoked) edges.push({ from: self, to: endpoint(fn.async.onSuccess.target), label: "on success", failure: false });
  }
  for (const p of failures) {
    if ((p.via === "async" || p.via === "functionDlq") && !p.fn.asyncInvoked) continue;
    const to = endpoint(p.target);
    switch (p.via) {
      case "async":
        edges.push({ from: fnNode(p.fn.name), to, label: "on failure", failure: true });
        break;
      case "mapping":
        edges.push({ from: fnNode(p.fn.name), to, label: `failed batches of ${p.mapping.source.target.name}`, failure: true });
        break;
      case "functionDlq":
        edges.push({ from: fnNode(p.fn.name), to, label: "dead letters", failure: true });
        break;
      case "redrive":
        edges.push({ from: endpoint(p.queue), to, label: `after ${p.queue.deadLetter!.maxReceiveCount} receives`, failure: true });
        break;
      case "trigger": {
        edges.push({ from: triggerNode(p.trigger), to, label: "undeliverable", failure: true });
        break;
      }
      case "subscription":
        edges.push({ from: endpoint(p.topic), to, label: `undeliverable to ${p.subscription.protocol} ${p.subscription.endpoint}`, failure: true });
        break;
    }
  }
  const notify = model.monitoring?.notify?.target;
  if (notify) {
    const count = planMonitoring(model, () => undefined).length;
    edges.push({ from: node("alarms", `${count} CloudWatch ${count === 1 ? "alarm" : "alarms"}`, "alarms"), to: endpoint(notify), label: "notify", failure: true });
  }
  return { nodes: [...nodes.values()], edges };
}

/** The wiring as a Mermaid flowchart or a Graphviz digraph: shapes per kind, failure paths dashed and red. */
export function graph(model: Model, format: "mermaid" | "dot"): string {
  const { nodes, edges } = build(model);
  if (format === "dot") {
    const quote = (s: string) => JSON.stringify(s);
    const nodeLines = nodes.map((n) => `  ${n.id} [label=${quote(n.label)}, shape=${DOT[n.kind]}${n.failure ? ", color=firebrick, fontcolor=firebrick" : ""}];`);
    const edgeLines = edges.map((e) => `  ${e.from.id} -> ${e.to.id}${attrs([e.label && `label=${quote(e.label)}`, e.failure && "style=dashed, color=firebrick, fontcolor=firebrick"])};`);
    return `digraph ${quote(model.name)} {\n  rankdir=LR;\n${[...nodeLines, ...edgeLines].join("\n")}\n}\n`;
  }
  const text = (s: string) => `"${s.replace(/"/g, "#quot;")}"`;
  const nodeLines = nodes.map((n) => `  ${n.id}${MERMAID[n.kind][0]}${text(n.label)}${MERMAID[n.kind][1]}${n.failure ? ":::failure" : ""}`);
  const edgeLines = edges.map((e) => `  ${e.from.id} ${e.failure ? "-.->" : "-->"}${e.label ? `|${text(e.label)}|` : ""} ${e.to.id}`);
  return `flowchart LR\n  classDef failure stroke:#b22222,color:#b22222\n${[...nodeLines, ...edgeLines].join("\n")}\n`;
}

const attrs = (list: (string | false | undefined)[]) => {
  const set = list.filter((a): a is string => !!a);
  return set.length ? ` [${set.join(", ")}]` : "";
};

/** A rule's node: its schedule, or the sources and detail types its pattern matches. */
function ruleLabel(t: Trigger): string {
  if (t.kind !== "eventPattern") return triggerKindOf(t.kind).describe(t);
  const pattern = (t.pattern ?? {}) as Record<string, unknown>;
  const values = (key: string) => (Array.isArray(pattern[key]) && pattern[key].every((v) => typeof v === "string") ? (pattern[key] as string[]) : []);
  const matched = [...values("source"), ...values("detail-type")];
  return matched.length ? `rule: ${matched.join(", ")}` : "eventbridge rule";
}
