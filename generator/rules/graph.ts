import type { Path } from "../diagnostics";
import type { Reporter } from "./reporter";
import type { Edge, Endpoint, LambdaFunction, Model } from "../model/types";
import { bucketName } from "../plan/buckets";
import { cycleThrough, stronglyConnected } from "./scc";

/** What carries a function's results back to it: S3, SNS and SQS (Lambda's recursive loop detection covers these and Lambda). */
const CARRIERS = new Set<Endpoint["type"]>(["sqs", "sns", "s3"]);

interface Arc {
  to: number;
  /** The spec entry that makes this hop (a destination, a trigger, a mapping). */
  path: Path;
}

/**
 * Loops that recursive loop detection stops: a function that is its own Lambda destination (LD601), Lambda
 * destinations in a cycle (LD602), and loops through S3, SNS or SQS (LD603). Cycles are found with strongly
 * connected components, linear in the size of the spec; each is reported once, at its first function.
 */
export function checkGraph(model: Model, reporter: Reporter): void {
  const g = buildGraph(model);
  for (const fn of model.functions) {
    for (const edge of lambdaDestinations(fn)) {
      if (edge.target.fn === fn) reporter.report("LD601", edge.path, `${fn.name} sends its own results to itself (got ${JSON.stringify(fn.name)}); send them to another function or a queue, or Lambda's recursive loop detection stops it`);
    }
  }
  // Lambda to Lambda: the subgraph of function nodes, without self-loops (reported above); none without Lambda destinations.
  const fnArcs = (v: number) => g.arcs[v].filter((a) => a.to !== v && g.fns[a.to] !== undefined && g.fns[v] !== undefined && g.lambda.has(a));
  if (g.lambda.size > 0) {
    reportCycles(g, (v) => fnArcs(v).map((a) => a.to), (v) => fnArcs(v), g.fns.length, (cycle, arc) => {
      const loop = [...cycle, cycle[0]].map((v) => g.name(v)).join(" -> ");
      reporter.report("LD602", arc.path, `Lambda destinations form a cycle (got ${loop}); break it with a queue or a non-Lambda destination, or Lambda's recursive loop detection stops it`);
    }, (component) => component.every((v) => g.fns[v] !== undefined));
  }
  // Through S3, SNS or SQS: components holding a function and a carrier.
  reportCycles(g, (v) => g.next[v], (v) => g.arcs[v], g.names.length, (cycle, arc) => {
    const loop = [...cycle, cycle[0]].map((v) => g.name(v)).join(" -> ");
    reporter.report("LD603", arc.path, `${g.name(cycle[0])}'s results come back to it (got ${loop}); send them to a queue, topic or bucket that does not invoke it, or Lambda's recursive loop detection stops it after a few rounds`);
  }, (component) => component.some((v) => g.carrier[v]) && component.some((v) => g.fns[v] !== undefined), (v) => g.carrier[v]);
}

function reportCycles(
  g: Graph,
  next: (v: number) => number[],
  arcs: (v: number) => Arc[],
  n: number,
  report: (cycle: number[], first: Arc) => void,
  wanted: (component: number[]) => boolean,
  must?: (v: number) => boolean,
): void {
  const found: { first: number; cycle: number[]; arc: Arc }[] = [];
  for (const component of stronglyConnected(n, next)) {
    // One node is no loop here: a self-loop is a function sending to itself (LD601), or a queue its own dead-letter queue (LD272).
    if (component.length < 2 || !wanted(component)) continue;
    const inside = new Set(component);
    // Its first function in the spec's order.
    const start = Math.min(...component.filter((v) => g.fns[v] !== undefined));
    const cycle = cycleThrough(start, next, (v) => inside.has(v), must);
    if (!cycle) continue;
    const arc = arcs(start).find((a) => a.to === (cycle[1] ?? start))!;
    found.push({ first: start, cycle, arc });
  }
  for (const f of found.sort((a, b) => a.first - b.first)) report(f.cycle, f.arc);
}

interface Graph {
  /** Node names; functions first, in the spec's order. */
  names: string[];
  name: (v: number) => string;
  fns: (LambdaFunction | undefined)[];
  carrier: boolean[];
  arcs: Arc[][];
  /** Each node's successors: the targets of its arcs, in the same order. */
  next: number[][];
  /** The arcs that are Lambda destinations (function to function). */
  lambda: Set<Arc>;
}

/** Destinations (and dead-letter queues) take only asynchronous invocations: a function nothing invokes so sends nothing. */
function lambdaDestinations(fn: LambdaFunction): Edge[] {
  if (!fn.asyncInvoked) return [];
  return [fn.async?.onSuccess, fn.async?.onFailure].filter((e): e is Edge => e?.target.fn !== undefined);
}

/** Functions and the endpoints between them; an arc for every send (destinations, dead-letter queues) and every invoke (triggers, mappings). */
function buildGraph(model: Model): Graph {
  const names: string[] = [];
  const fns: (LambdaFunction | undefined)[] = [];
  const carrier: boolean[] = [];
  const ids = new Map<unknown, number>();
  const node = (key: unknown, name: string, fn?: LambdaFunction, carries = false): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = names.length;
      ids.set(key, id);
      names.push(name);
      fns.push(fn);
      carrier.push(carries);
    }
    return id;
  };
  for (const fn of model.functions) node(fn, fn.name, fn);
  // Buckets are one node per real name, however the spec writes them.
  const endpointNode = (e: Endpoint): number => {
    if (e.fn) return node(e.fn, e.fn.name, e.fn);
    if (e.type === "s3") {
      const name = bucketName({ bucket: e.arn ?? e.name, bucketEndpoint: e } as never);
      return node(`s3:${name}`, e.name, undefined, true);
    }
    return node(e, e.name, undefined, CARRIERS.has(e.type));
  };
  const arcs: Arc[][] = [];
  const next: number[][] = [];
  const lambda = new Set<Arc>();
  const add = (from: number, to: number, path: Path, isLambda = false) => {
    while (arcs.length <= Math.max(from, to)) {
      arcs.push([]);
      next.push([]);
    }
    const arc = { to, path };
    arcs[from].push(arc);
    next[from].push(to);
    if (isLambda) lambda.add(arc);
  };
  for (const fn of model.functions) {
    const me = node(fn, fn.name, fn);
    const send = (edge: Edge | undefined) => edge && add(me, endpointNode(edge.target), edge.path, edge.target.fn !== undefined);
    if (fn.asyncInvoked) {
      send(fn.async?.onSuccess);
      send(fn.async?.onFailure);
      send(fn.deadLetterQueue);
    }
    for (const m of fn.events) {
      add(endpointNode(m.source.target), me, m.source.path);
      send(m.onFailure);
    }
    for (const t of fn.triggers) {
      if (t.kind === "sns") add(endpointNode(t.topic.target), me, t.topic.path);
      else if (t.kind === "s3") add(t.bucketEndpoint ? endpointNode(t.bucketEndpoint) : node(`s3:${bucketName(t)}`, t.bucket, undefined, true), me, [...t.path, "s3", "bucket"]);
    }
  }
  for (const e of model.endpoints) if (e.deadLetter) add(endpointNode(e), endpointNode(e.deadLetter.edge.target), e.deadLetter.edge.path);
  while (arcs.length < names.length) {
    arcs.push([]);
    next.push([]);
  }
  return { names, name: (v) => names[v], fns, carrier, arcs, next, lambda };
}
