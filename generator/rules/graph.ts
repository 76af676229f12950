import type { Reporter } from "../diagnostics";
import type { LambdaFunction, Model } from "../model/types";

/** Lambda destinations that lead back to where they started (recursive loop detection stops them). */
export function checkGraph(model: Model, reporter: Reporter): void {
  const next = (fn: LambdaFunction) =>
    [fn.async?.onSuccess, fn.async?.onFailure].filter((e) => e?.target.fn !== undefined).map((e) => ({ edge: e!, fn: e!.target.fn! }));
  const reported = new Set<string>();
  for (const fn of model.functions) {
    for (const { edge, fn: target } of next(fn)) {
      if (target === fn) reporter.report("LD601", edge.path, `${fn.name} sends its own results to itself; Lambda's recursive loop detection will stop it`);
    }
    // A cycle through other functions, reported once, at the function whose name sorts first.
    const cycle = findCycle(fn, next);
    if (cycle && cycle.length > 1) {
      const key = [...cycle.map((f) => f.name)].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        const edge = next(fn).find((n) => cycle.includes(n.fn))!.edge;
        reporter.report("LD602", edge.path, `Lambda destinations form a cycle: ${[...cycle, cycle[0]].map((f) => f.name).join(" -> ")}; recursive loop detection will stop it`);
      }
    }
  }
}

function findCycle(start: LambdaFunction, next: (fn: LambdaFunction) => { fn: LambdaFunction }[]): LambdaFunction[] | undefined {
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
