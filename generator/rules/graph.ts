import type { Reporter } from "../diagnostics";
import type { Edge, LambdaFunction, Model } from "../model/types";

interface Hop {
  edge: Edge;
  fn: LambdaFunction;
}

/** Lambda destinations that lead back to where they started (recursive loop detection stops them). */
export function checkGraph(model: Model, reporter: Reporter): void {
  const hops = (fn: LambdaFunction): Hop[] =>
    [fn.async?.onSuccess, fn.async?.onFailure].flatMap((edge) => (edge?.target.fn ? [{ edge, fn: edge.target.fn }] : []));
  const onward = (fn: LambdaFunction): Hop[] => hops(fn).filter((h) => h.fn !== fn);
  const reported = new Set<string>();
  for (const fn of model.functions) {
    for (const { edge, fn: target } of hops(fn)) {
      if (target === fn) {
        reporter.report("LD601", edge.path, `${fn.name} sends its own results to itself (got ${JSON.stringify(fn.name)}); send them to another function or a queue, or Lambda's recursive loop detection stops it`);
      }
    }
    // A cycle through other functions, reported once, at the first function of the cycle in the spec.
    const cycle = findCycle(fn, onward);
    if (!cycle) continue;
    const key = cycle.map((f) => f.name).sort().join(",");
    if (reported.has(key)) continue;
    reported.add(key);
    const edge = onward(fn).find((h) => h.fn === cycle[1])!.edge;
    const loop = [...cycle, cycle[0]].map((f) => f.name).join(" -> ");
    reporter.report("LD602", edge.path, `Lambda destinations form a cycle (got ${loop}); break it with a queue or a non-Lambda destination, or Lambda's recursive loop detection stops it`);
  }
}

/** The functions on a path from `start` back to itself, `start` first; undefined when there is none. */
function findCycle(start: LambdaFunction, next: (fn: LambdaFunction) => Hop[]): LambdaFunction[] | undefined {
  const walk = (fn: LambdaFunction, trail: LambdaFunction[]): LambdaFunction[] | undefined => {
    for (const { fn: n } of next(fn)) {
      if (n === start) return trail;
      if (!trail.includes(n)) {
        const found = walk(n, [...trail, n]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(start, [start]);
}
