import { toLabel } from "../../model/names";
import { KEPT, PROVIDER, type ImportKind } from "./kind";
import { first, nonEmpty, seconds } from "./values";

/** `aws_lambda_function` -> `functions.<key>`: code, runtime, sizes, environment, network, tracing, dead letters, tags. */
export const functions: ImportKind = {
  name: "functions",
  phase: 0,
  defaults: {
    aws_lambda_function: {
      architectures: ["x86_64"],
      // (Optional and Computed: an unset block keeps what the function has)
      ephemeral_storage: KEPT,
      logging_config: KEPT,
      "ephemeral_storage.size": 512,
      "logging_config.log_format": "Text",
      "logging_config.log_group": (v) => `/aws/lambda/${String(v.function_name)}`,
      "tracing_config.mode": "PassThrough",
      memory_size: 128,
      timeout: 3,
      package_type: "Zip",
      publish: false,
      reserved_concurrent_executions: -1,
      skip_destroy: false,
      replace_security_groups_on_destroy: false,
      source_code_hash: PROVIDER,
      "vpc_config.ipv6_allowed_for_dual_stack": false,
    },
  },
  run(ctx) {
    for (const r of ctx.resources("aws_lambda_function")) {
      const v = r.values;
      const key = ctx.key(r, String(v.function_name ?? r.name), "function_name");
      if (key === undefined) continue;
      const fn: Record<string, unknown> = {};
      if (v.package_type === "Image") fn.code = { image: v.image_uri };
      else if (typeof v.s3_bucket === "string" && v.s3_bucket) fn.code = `s3://${v.s3_bucket}/${v.s3_key}`;
      else if (typeof v.filename === "string" && v.filename) fn.code = ctx.codePath(v.filename);
      if (v.package_type !== "Image") {
        if (nonEmpty(v.runtime)) fn.runtime = v.runtime;
        if (nonEmpty(v.handler)) fn.handler = v.handler;
      }
      if (typeof v.memory_size === "number" && v.memory_size !== 128) fn.memory = v.memory_size;
      if (typeof v.timeout === "number" && v.timeout !== 3) fn.timeout = seconds(v.timeout);
      const architecture = first(v.architectures);
      if (architecture === "arm64") fn.architecture = architecture;
      const variables = first<Record<string, unknown>>(v.environment)?.variables;
      if (variables && typeof variables === "object" && Object.keys(variables).length) fn.environment = variables;
      if (nonEmpty(v.description)) fn.description = v.description;
      if (typeof v.reserved_concurrent_executions === "number" && v.reserved_concurrent_executions >= 0) fn.reservedConcurrency = v.reserved_concurrent_executions;
      if (Array.isArray(v.layers) && v.layers.length) fn.layers = v.layers;
      if (first<Record<string, unknown>>(v.tracing_config)?.mode === "Active") fn.tracing = "Active";
      const vpc = first<Record<string, unknown>>(v.vpc_config);
      if (vpc && Array.isArray(vpc.subnet_ids) && vpc.subnet_ids.length) fn.vpc = { subnets: [...vpc.subnet_ids].sort(), securityGroups: [...((vpc.security_group_ids as string[]) ?? [])].sort() };
      const deadLetter = first<Record<string, unknown>>(v.dead_letter_config)?.target_arn;
      if (nonEmpty(deadLetter)) fn.deadLetterQueue = ctx.reference(deadLetter, "destination", { address: r.address, attribute: "dead_letter_config.0.target_arn" });
      if (v.tags && typeof v.tags === "object" && Object.keys(v.tags).length) fn.tags = v.tags;
      ctx.draft.functions[key] = fn;
      ctx.claim(r, `aws_lambda_function.${toLabel(key)}`, ["functions", key]);
    }
  },
};
