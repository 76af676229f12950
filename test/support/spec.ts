import { stringify } from "yaml";
import { check, generate, type Plan } from "../../generator";
import { address, type Item, type Resource, type Value } from "../../generator/plan/view";

/** A small valid spec around the given sections, as YAML text. */
export function specYaml(sections: Record<string, unknown>): string {
  return stringify({ version: 1, name: "app", ...sections });
}

export const s3Code = { code: "s3://artifacts/app.zip", runtime: "nodejs20.x", handler: "index.handler" };

export function planOf(sections: Record<string, unknown>): Plan {
  const result = check(specYaml(sections), "spec.yaml");
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || !result.plan) throw new Error(`unexpected errors: ${JSON.stringify(errors, null, 2)}`);
  return result.plan;
}

export function hclOf(sections: Record<string, unknown>): Record<string, string> {
  const files = generate(specYaml(sections), "spec.yaml", "hcl").files;
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name.replace(/^hcl\//, ""), text]));
}

export function findResource(plan: Plan, addr: string): Resource | undefined {
  return plan.files.flatMap((f) => f.resources).find((r) => address(r) === addr);
}

export function addresses(plan: Plan): string[] {
  return plan.files.flatMap((f) => f.resources).map(address).sort();
}

/** A resource body as plain data: attributes to simple values, blocks to lists of bodies. */
export function plain(body: Item[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of body) {
    if ("attr" in item) out[item.attr] = value(item.value);
    else ((out[item.block] ??= []) as unknown[]).push(plain(item.body));
  }
  return out;
}

function value(v: Value): unknown {
  switch (v.t) {
    case "str":
    case "num":
    case "bool":
      return v.v;
    case "ref":
      return `${v.prefix ?? ""}\${${v.address}.${v.attr}}${v.suffix ?? ""}`;
    case "list":
      return v.items.map(value);
    case "map":
      return Object.fromEntries(v.entries.map(([k, x]) => [k, value(x)]));
    case "json":
      return v.text;
    case "encode":
      return { jsonencode: value(v.value) };
    case "file":
      return `${v.hash ? "hash:" : ""}${v.fromHcl}`;
  }
}
