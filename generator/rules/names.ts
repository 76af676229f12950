import { formatPath, type Path } from "../diagnostics";
import type { Reporter } from "./reporter";
import { kindOf } from "../kinds/registry";
import { LIMITS } from "../limits";
import type { Model } from "../model/types";
import { address, type Plan } from "../plan/view";

const FUNCTION_NAME_LIMIT = LIMITS.functionName;
const RULE_NAME_LIMIT = LIMITS.ruleName;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

/** AWS name limits of everything ldgen creates. */
export function checkNameLengths(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    if (fn.arn) continue;
    if (fn.awsName.length > FUNCTION_NAME_LIMIT) {
      reporter.report("LD204", fn.path, `the function and role name is longer than AWS allows, ${FUNCTION_NAME_LIMIT} characters (got ${fn.awsName.length}, ${JSON.stringify(fn.awsName)}); shorten the spec name or the function name`, "key");
    }
  }
  for (const t of model.functions.flatMap((fn) => fn.triggers)) {
    if ("awsName" in t && t.awsName.length > RULE_NAME_LIMIT) {
      reporter.report("LD204", t.path, `the EventBridge rule name is longer than AWS allows, ${RULE_NAME_LIMIT} characters (got ${t.awsName.length}, ${JSON.stringify(t.awsName)}); give the trigger a shorter name`);
    }
  }
  for (const e of model.endpoints) {
    const creates = kindOf(e.type).creates;
    if (!e.created || e.fn || !creates) continue;
    if (e.awsName.length > creates.nameLimit) {
      reporter.report("LD204", e.path, `the ${e.type} name is longer than AWS allows, ${creates.nameLimit} characters (got ${e.awsName.length}, ${JSON.stringify(e.awsName)}); shorten the spec name or this name`, "key");
    }
    if (e.type === "s3" && !BUCKET_NAME.test(e.awsName)) {
      reporter.report("LD107", e.path, `a bucket name takes lowercase letters, digits, '.' and '-' only (got ${JSON.stringify(e.awsName)}); rename it with lowercase letters, digits and '-'`, "key");
    }
  }
}

/**
 * Two spec names that become the same Terraform address (or output name): reported once per colliding
 * entry, at the later one; an output collision without a spec entry only when nothing else explains it.
 */
export function checkAddresses(plan: Plan, reporter: Reporter): void {
  const reported = new Set<string>();
  const orphans: string[] = [];
  const collide = (first: Path, origin: Path, shown: string) => {
    const where = formatPath(origin);
    if (where === "") orphans.push(shown);
    else if (!reported.has(where)) {
      reported.add(where);
      reporter.report("LD203", origin, `this becomes ${shown}, as ${formatPath(first) || "another entry"} does (got two spec names with the same Terraform label); rename one of them (for an ARN, declare it under destinations or sources with its arn and another name)`, "key");
    }
  };
  // Claimed by mode, type and label, and outputs by name: a spec's tens of thousands of addresses are never built as strings.
  const labels = { resource: new Map<string, Map<string, Path>>(), data: new Map<string, Map<string, Path>>() };
  for (const file of plan.files)
    for (const r of file.resources) {
      const byType = labels[r.mode];
      let seen = byType.get(r.type);
      if (!seen) byType.set(r.type, (seen = new Map()));
      const first = claim(seen, r.label, r.origin);
      if (first) collide(first, r.origin, address(r));
    }
  const outputs = new Map<string, Path>();
  for (const o of plan.outputs) {
    const first = claim(outputs, o.name, o.origin ?? []);
    if (first) collide(first, o.origin ?? [], `output "${o.name}"`);
  }
  if (reported.size === 0) {
    for (const shown of orphans) reporter.report("LD203", [], `two entries become ${shown} (got the same output name twice); rename one of them`);
  }
}

/** Claims `key` for `origin`; returns who claimed it first when someone did. */
function claim(seen: Map<string, Path>, key: string, origin: Path): Path | undefined {
  const first = seen.get(key);
  if (first === undefined) seen.set(key, origin);
  return first;
}
