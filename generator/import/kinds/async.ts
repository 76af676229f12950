import { toLabel } from "../../model/names";
import type { ImportKind } from "./kind";
import { first, nonEmpty, seconds } from "./values";

/** `aws_lambda_function_event_invoke_config` -> `functions.<fn>.async`: retries, event age, destinations. */
export const asyncConfigs: ImportKind = {
  name: "async invoke configs",
  phase: 20,
  run(ctx) {
    const seen = new Map<string, string>();
    // A function's config on what the spec configures (the alias of its qualifier, else the unqualified function)
    // first: a config on a version (terraform-aws-modules' current_version) is then the one left out.
    const onSpec = (r: { values: Record<string, unknown> }) => {
      const key = nonEmpty(r.values.function_name) ? ctx.functionKey(r.values.function_name) : undefined;
      return key !== undefined && (nonEmpty(r.values.qualifier) ? r.values.qualifier : undefined) === ctx.draft.functions[key].qualifier;
    };
    const configs = [...ctx.resources("aws_lambda_function_event_invoke_config")].sort((a, b) => Number(onSpec(b)) - Number(onSpec(a)));
    for (const r of configs) {
      const v = r.values;
      if (!nonEmpty(v.function_name)) continue;
      const qualifier = nonEmpty(v.qualifier) ? v.qualifier : undefined;
      const key = ctx.wiredFunction(v.function_name, qualifier);
      if (key === undefined) {
        ctx.leaveOut(r, `its function ${JSON.stringify(v.function_name)} is not in the input and is not an ARN: the spec cannot name it`);
        continue;
      }
      const fn = ctx.draft.functions[key];
      if (seen.has(key)) {
        ctx.leaveOut(r, `functions.${key} has one async config in the spec, ${seen.get(key)}; keep this one in its root`);
        continue;
      }
      if (qualifier !== undefined && fn.qualifier !== qualifier) {
        ctx.difference(r.address, "qualifier", fn.qualifier === undefined ? `the config is on ${JSON.stringify(qualifier)}, which no alias in the input names: the spec's async config is on the unqualified function` : `the config is on ${JSON.stringify(qualifier)}, the function's alias is ${JSON.stringify(fn.qualifier)}: the spec's config is on the alias`);
      }
      seen.set(key, r.address);
      const async: Record<string, unknown> = {};
      if (typeof v.maximum_retry_attempts === "number") async.retries = v.maximum_retry_attempts;
      if (typeof v.maximum_event_age_in_seconds === "number" && v.maximum_event_age_in_seconds > 0) async.maxEventAge = seconds(v.maximum_event_age_in_seconds);
      const destinations = first<Record<string, unknown>>(v.destination_config);
      for (const [side, spec] of [["on_success", "onSuccess"], ["on_failure", "onFailure"]] as const) {
        const arn = first<Record<string, unknown>>(destinations?.[side])?.destination;
        if (nonEmpty(arn)) async[spec] = ctx.reference(arn, "destination", { address: r.address, attribute: `destination_config.0.${side}.0.destination` });
      }
      fn.async = async;
      ctx.claim(r, `aws_lambda_function_event_invoke_config.${toLabel(key)}`, ["functions", key, "async"]);
    }
  },
};
