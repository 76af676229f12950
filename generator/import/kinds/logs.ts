import { toLabel } from "../../model/names";
import type { ImportKind } from "./kind";
import { nonEmpty } from "./values";

/** The default `logRetention` (plan/functions.ts DEFAULT_LOG_RETENTION). */
const DEFAULT_RETENTION = 30;

/** A created function's log group (`/aws/lambda/<function name>`) -> `logRetention`; its alias -> `qualifier`. */
export const logs: ImportKind = {
  name: "logs and aliases",
  phase: 10,
  defaults: {
    aws_cloudwatch_log_group: { log_group_class: "STANDARD", skip_destroy: false },
    aws_lambda_alias: { description: "" },
  },
  run(ctx) {
    for (const fn of ctx.resources("aws_lambda_function")) {
      const key = ctx.functionOf(fn);
      if (key === undefined) continue;
      const entry = ctx.draft.functions[key];
      const group = ctx.find("aws_cloudwatch_log_group", "name", `/aws/lambda/${String(fn.values.function_name)}`);
      if (group && !ctx.claimed(group)) {
        const days = group.values.retention_in_days;
        if (typeof days === "number" && days > 0 && days !== DEFAULT_RETENTION) entry.logRetention = days;
        ctx.claim(group, `aws_cloudwatch_log_group.${toLabel(key)}`, ["functions", key]);
      }
    }
    const byFunction = new Map<string, string>();
    for (const alias of ctx.resources("aws_lambda_alias")) {
      const v = alias.values;
      const key = nonEmpty(v.function_name) ? ctx.functionKey(v.function_name) : undefined;
      if (key === undefined || ctx.draft.functions[key].arn) continue;
      const earlier = byFunction.get(key);
      if (earlier) {
        ctx.leaveOut(alias, `functions.${key} has one alias in the spec (qualifier), ${earlier}; keep this one in its root`);
        continue;
      }
      byFunction.set(key, alias.address);
      ctx.draft.functions[key].qualifier = v.name;
      ctx.claim(alias, `aws_lambda_alias.${toLabel(key)}`, ["functions", key]);
    }
  },
};
