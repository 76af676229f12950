/**
 * The resources of `terraform show -json`: a state's `values.root_module`, or a plan's `planned_values.root_module`
 * (with `prior_state` for what the plan leaves as it is), flattened over `child_modules`. Addresses are Terraform's
 * (`module.a.module.b.aws_sqs_queue.jobs["k"]`).
 */
export interface StateResource {
  address: string;
  /** `module.a.module.b`, or "" in the root module. */
  module: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  /** A `for_each` key or `count` index. */
  index?: string | number;
  /** `registry.terraform.io/hashicorp/aws` */
  provider: string;
  values: Record<string, unknown>;
}

export interface Shown {
  /** `state` for `terraform show -json` of a state, `plan` of a plan file. */
  from: "state" | "plan";
  resources: StateResource[];
  /** A plan's whole show JSON (its `resource_changes` and `configuration` tell what it knows only after apply). */
  plan?: unknown;
}

interface ShowModule {
  address?: string;
  resources?: unknown[];
  child_modules?: ShowModule[];
}

export class InputError extends Error {
  constructor(message: string, readonly address?: string) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Reads show JSON (text or parsed); throws InputError with what is wrong with it. */
export function readShow(input: string | unknown, file = "input"): Shown {
  let data = input;
  if (typeof input === "string") {
    if (input.trim() === "") throw new InputError(`${file}: empty input; give the output of terraform show -json`);
    try {
      data = JSON.parse(input);
    } catch (error) {
      throw new InputError(`${file}: not JSON (${(error as Error).message}); give the output of terraform show -json`);
    }
  }
  if (!isObject(data)) throw new InputError(`${file}: not terraform show -json output (the top level is not an object)`);
  if (isObject(data.planned_values)) {
    const resources = flatten(data.planned_values.root_module, file);
    // A plan's planned values hold what it keeps too; the prior state fills in what the plan computes anew.
    const prior = isObject(data.prior_state) && isObject(data.prior_state.values) ? flatten(data.prior_state.values.root_module, file) : [];
    const before = new Map(prior.map((r) => [r.address, r]));
    for (const r of resources) {
      const old = before.get(r.address);
      if (old) r.values = { ...old.values, ...withoutNulls(r.values) };
    }
    return { from: "plan", resources, plan: data };
  }
  if (isObject(data.values)) return { from: "state", resources: flatten(data.values.root_module, file) };
  if ("format_version" in data && !("values" in data)) return { from: "state", resources: [] };
  if (Array.isArray(data.resources) && "version" in data) {
    throw new InputError(`${file}: this is a Terraform state file (version ${String(data.version)}), not terraform show -json output; run terraform show -json > state.json in its root`);
  }
  throw new InputError(`${file}: not terraform show -json output (no values.root_module or planned_values.root_module)`);
}

function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in values) if (values[k] !== null) out[k] = values[k];
  return out;
}

function flatten(module: unknown, file: string, out: StateResource[] = []): StateResource[] {
  if (module === undefined || module === null) return out;
  if (!isObject(module)) throw new InputError(`${file}: not terraform show -json output (a module is not an object)`);
  const m = module as ShowModule;
  const prefix = typeof m.address === "string" ? m.address : "";
  for (const raw of m.resources ?? []) {
    if (!isObject(raw) || typeof raw.address !== "string" || typeof raw.type !== "string" || typeof raw.name !== "string") {
      throw new InputError(`${file}: not terraform show -json output (a resource in ${prefix || "the root module"} has no address, type or name)`);
    }
    const values = isObject(raw.values) ? raw.values : {};
    out.push({
      address: raw.address,
      module: prefix,
      mode: raw.mode === "data" ? "data" : "managed",
      type: raw.type,
      name: raw.name,
      ...(raw.index !== undefined && { index: raw.index as string | number }),
      provider: typeof raw.provider_name === "string" ? raw.provider_name : "",
      values,
    });
  }
  for (const child of m.child_modules ?? []) flatten(child, file, out);
  return out;
}
