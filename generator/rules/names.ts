import type { Reporter } from "../diagnostics";
import { kindOf } from "../kinds/registry";
import type { Model } from "../model/types";
import { address, type Plan } from "../plan/view";

const FUNCTION_NAME_LIMIT = 64;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

/** AWS name limits of everything ldgen creates. */
export function checkNameLengths(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    if (fn.arn) continue;
    if (fn.awsName.length > FUNCTION_NAME_LIMIT) {
      reporter.report("LD204", fn.path, `the function and role name ${JSON.stringify(fn.awsName)} is ${fn.awsName.length} characters; AWS allows ${FUNCTION_NAME_LIMIT}. Shorten the spec name or the function name`, "key");
    }
  }
  for (const e of model.endpoints) {
    const creates = kindOf(e.type).creates;
    if (!e.created || e.fn || !creates) continue;
    if (e.awsName.length > creates.nameLimit) {
      reporter.report("LD204", e.path, `the ${e.type} name ${JSON.stringify(e.awsName)} is ${e.awsName.length} characters; AWS allows ${creates.nameLimit}`, "key");
    }
    if (e.type === "s3" && !BUCKET_NAME.test(e.awsName)) {
      reporter.report("LD107", e.path, `the bucket name ${JSON.stringify(e.awsName)} must use lowercase letters, digits, '.' and '-' only`, "key");
    }
  }
}

/** Two spec names that become the same Terraform address (or output name). */
export function checkAddresses(plan: Plan, reporter: Reporter): void {
  const seen = new Map<string, string>();
  const claim = (key: string, shown: string, origin: readonly (string | number)[]) => {
    const first = seen.get(key);
    if (first !== undefined) {
      reporter.report("LD203", origin, `this becomes ${shown}, which ${first} already is; rename one of them`, "key");
    } else seen.set(key, `the entry at ${origin.join(".")}`);
  };
  for (const file of plan.files) for (const r of file.resources) claim(address(r), address(r), r.origin);
  for (const o of plan.outputs) claim(`output.${o.name}`, `output "${o.name}"`, o.origin ?? []);
}
