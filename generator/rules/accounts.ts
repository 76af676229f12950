import type { Reporter } from "./reporter";
import { parseArn } from "../model/arn";
import type { Edge, LambdaFunction, Model } from "../model/types";

/** The account and region a function runs in, as far as the spec tells. */
function homeOf(fn: LambdaFunction, model: Model): { account?: string; region?: string } {
  const own = fn.arn ? parseArn(fn.arn) : undefined;
  const role = fn.role?.startsWith("arn:") ? parseArn(fn.role) : undefined;
  return { account: own?.account || role?.account || model.account, region: own?.region || model.region };
}

/** Destinations and sources in another account or region than their function. */
export function checkAccounts(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    const home = homeOf(fn, model);
    // What it sends to, then what it reads from.
    for (const edge of [fn.async?.onSuccess, fn.async?.onFailure, fn.deadLetterQueue]) if (edge) checkEdge(fn, home, edge, false, reporter);
    for (const m of fn.events) if (m.onFailure) checkEdge(fn, home, m.onFailure, false, reporter);
    for (const m of fn.events) checkEdge(fn, home, m.source, true, reporter);
    if (fn.arn && !fn.role && (fn.async || fn.events.length > 0 || fn.deadLetterQueue)) {
      reporter.report("LD208", fn.path, `${fn.name} is given without "role", so ldgen attaches no permissions (got no role); set role, or attach the policy in output ${fn.label}_required_policy_json to its role`, "key");
    }
  }
}

function checkEdge(fn: LambdaFunction, home: { account?: string; region?: string }, edge: Edge, reads: boolean, reporter: Reporter): void {
  const text = edge.target.arn ?? edge.target.fn?.arn;
  const arn = text ? parseArn(text) : undefined;
  if (!arn) return;
  const name = JSON.stringify(edge.target.name);
  if (home.account && arn.account && arn.account !== home.account) {
    const policy = reads ? `its resource policy must let ${fn.name}'s role read it` : `its resource policy must let ${fn.name}'s role send to it`;
    reporter.report("LD701", edge.path, `${name} is in account ${arn.account} and ${fn.name} in ${home.account} (got ${text}); ${policy}, and ldgen does not write that policy`);
  }
  if (home.region && arn.region && arn.region !== home.region) {
    if (reads) {
      reporter.report("LD703", edge.path, `an event source mapping reads only from its function's region: ${name} is in ${arn.region} and ${fn.name} in ${home.region} (got ${text}); use a source in ${home.region}, or run the function in ${arn.region}`);
    } else {
      reporter.report("LD702", edge.path, `${name} is in ${arn.region} and ${fn.name} in ${home.region} (got ${text}); check that the destination's resource policy allows ${fn.name}, or use a destination in ${home.region}`);
    }
  }
}
