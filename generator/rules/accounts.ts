import type { Reporter } from "../diagnostics";
import { parseArn } from "../model/arn";
import type { Edge, LambdaFunction, Model } from "../model/types";

/** The account and region a function runs in, as far as the spec tells. */
function homeOf(fn: LambdaFunction, model: Model): { account?: string; region?: string } {
  const own = fn.arn ? parseArn(fn.arn) : undefined;
  const role = fn.role?.startsWith("arn:") ? parseArn(fn.role) : undefined;
  return { account: own?.account || role?.account || undefined, region: own?.region || model.region };
}

/** Destinations and sources in another account or region than their function. */
export function checkAccounts(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    const home = homeOf(fn, model);
    const edges: Edge[] = [fn.async?.onSuccess, fn.async?.onFailure, fn.deadLetterQueue, ...fn.events.flatMap((m) => [m.source, m.onFailure])].filter(
      (e): e is Edge => e !== undefined,
    );
    for (const edge of edges) {
      const arn = edge.target.arn && !edge.target.fn?.arn ? parseArn(edge.target.arn) : edge.target.fn?.arn ? parseArn(edge.target.fn.arn) : undefined;
      if (!arn) continue;
      if (home.account && arn.account && arn.account !== home.account) {
        reporter.report("LD701", edge.path, `${JSON.stringify(edge.target.name)} is in account ${arn.account}, ${fn.name} in ${home.account}: its resource policy must allow ${fn.name}'s role`);
      }
      if (home.region && arn.region && arn.region !== home.region) {
        reporter.report("LD702", edge.path, `${JSON.stringify(edge.target.name)} is in ${arn.region}, ${fn.name} in ${home.region}; ${edge.path.includes("events") ? "event source mappings read only from their own region" : "cross-region delivery needs that region's resource policy"}`);
      }
    }
    if (fn.arn && !fn.role && (fn.async || fn.events.length > 0 || fn.deadLetterQueue)) {
      reporter.report("LD208", fn.path, `${fn.name} is given without "role": ldgen attaches nothing; its role needs the policy in output ${fn.label}_required_policy_json, or set role`, "key");
    }
  }
}
