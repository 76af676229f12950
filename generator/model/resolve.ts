import type { Reporter } from "../rules/reporter";
import { isPlainObject } from "../parse/shape";
import { resolveFunction } from "./functions";
import { resolveProtection } from "./protect";
import { inheritAwsNames, resolveRenames } from "./renames";
import { Resolver, type ResolveOptions } from "./resolver";
import { DEFAULT_AWS_PROVIDER, DEFAULT_ITERATOR_AGE, DEFAULT_OFFSET_LAG, DEFAULT_REQUIRED_VERSION, type Model, type Monitoring, type Partition } from "./types";

export type { ResolveOptions } from "./resolver";

type Raw = Record<string, unknown>;

/** Builds the one resolved model from a shape-checked spec: names, defaults and references, each once. */
export function resolve(spec: Raw, file: string, reporter: Reporter, options: ResolveOptions = {}): Model {
  const ctx = new Resolver(spec, reporter);
  const terraform = (spec.terraform ?? {}) as Raw;
  const platform = options.platform?.terraform ?? {};
  const model: Model = {
    file,
    name: (spec.name as string | undefined) ?? "ldgen",
    region: spec.region as string | undefined,
    account: spec.account as string | undefined,
    partition: (spec.partition as Partition | undefined) ?? "aws",
    tags: { ...options.platform?.tags, ...((spec.tags ?? {}) as Record<string, string>) },
    terraform: {
      requiredVersion: (terraform.requiredVersion as string | undefined) ?? platform.requiredVersion ?? DEFAULT_REQUIRED_VERSION,
      awsProvider: (terraform.awsProvider as string | undefined) ?? platform.awsProvider ?? DEFAULT_AWS_PROVIDER,
      backend: (terraform.backend as Model["terraform"]["backend"]) ?? platform.backend,
    },
    functions: [],
    endpoints: ctx.endpoints,
    renames: resolveRenames(spec, reporter),
  };
  ctx.specName = model.name;
  ctx.partition = model.partition;
  ctx.declare();
  const functions = (spec.functions ?? {}) as Record<string, Raw>;
  const defaults = (spec.defaults ?? {}) as Raw;
  const invoked = asyncInvoked(functions, defaults);
  for (const name of Object.keys(functions)) {
    const fn = ctx.functions.get(name);
    if (!fn) continue;
    fn.asyncInvoked = invoked.has(name);
    model.functions.push(resolveFunction(fn, functions[name], defaults, ctx, options));
  }
  if (isPlainObject(spec.monitoring)) model.monitoring = monitoring(spec.monitoring, ctx);
  inheritAwsNames(model, spec);
  resolveProtection(model, spec, options.platform?.require?.protect ?? [], reporter);
  return model;
}

function monitoring(raw: Raw, ctx: Resolver): Monitoring {
  const path = ["monitoring"];
  return {
    path,
    notify: raw.notify === undefined ? undefined : ctx.ref(raw.notify, [...path, "notify"], "alarms"),
    iteratorAge: (raw.iteratorAge as number | undefined) ?? DEFAULT_ITERATOR_AGE,
    offsetLag: (raw.offsetLag as number | undefined) ?? DEFAULT_OFFSET_LAG,
    messageAge: raw.messageAge as number | undefined,
  };
}

/**
 * The functions something in the spec invokes asynchronously: those with a trigger, existing ones
 * (invoked from outside the spec), and, until nothing changes, every function named as a Lambda
 * destination of an async config that applies (its own, or `defaults.async` on an invoked function).
 */
function asyncInvoked(functions: Record<string, Raw>, defaults: Raw): Set<string> {
  const entries = Object.entries(functions).filter(([, f]) => isPlainObject(f));
  const triggers = (f: Raw) => (f.arn === undefined ? (f.triggers ?? defaults.triggers) : f.triggers);
  const invoked = new Set(entries.filter(([, f]) => f.arn !== undefined || (Array.isArray(triggers(f)) && (triggers(f) as unknown[]).length > 0)).map(([name]) => name));
  const fromDefaults = isPlainObject(defaults.async) ? defaults.async : undefined;
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, f] of entries) {
      const own = isPlainObject(f.async) ? f.async : undefined;
      if (!own && !invoked.has(name)) continue;
      // Its own async config over the defaults' (a shape-checked config holds no null or undefined values).
      const inherited = f.arn === undefined ? fromDefaults : undefined;
      for (const key of ["onSuccess", "onFailure"]) {
        const target = own?.[key] ?? inherited?.[key];
        if (typeof target === "string" && isPlainObject(functions[target]) && !invoked.has(target)) {
          invoked.add(target);
          grew = true;
        }
      }
    }
  }
  return invoked;
}

