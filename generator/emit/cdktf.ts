import * as fs from "node:fs";
import * as path from "node:path";
import { address, FILES, type Item, type Plan, type Resource } from "../plan/view";
import { binding, camel, pascal, refsOf, ts, tsString, type TsContext } from "./cdktf-values";
import { formatTs } from "./cdktf-format";
import { header } from "./hcl";
import { Templates } from "./templates";

/** An entry of an object literal: an attribute, a single block (object) or a repeated block (array of objects). */
export interface TsItem {
  key: string;
  value?: string;
  items?: TsItem[];
  list?: { items: TsItem[] }[];
}

/** Repeated blocks become one array, at the place of their first occurrence; single blocks objects. */
function items(body: Item[], ctx: TsContext): TsItem[] {
  const out: TsItem[] = [];
  const lists = new Map<string, { items: TsItem[] }[]>();
  for (const item of body) {
    if ("attr" in item) out.push({ key: camel(item.attr), value: ts(item.value, ctx) });
    else if (!item.repeated) out.push({ key: camel(item.block), items: items(item.body, ctx) });
    else {
      let list = lists.get(item.block);
      if (!list) {
        list = [];
        lists.set(item.block, list);
        out.push({ key: camel(item.block), list });
      }
      list.push({ items: items(item.body, ctx) });
    }
  }
  return out;
}

function valuesOf(body: Item[]): string[] {
  return body.flatMap((item) => ("attr" in item ? refsOf(item.value) : valuesOf(item.body)));
}

/**
 * The resources in plan order, except that each comes after everything it refers to or depends on:
 * a construct is a `const`, declared before it is used.
 */
function declarationOrder(resources: Resource[]): Resource[] {
  const byAddress = new Map(resources.map((r) => [address(r), r]));
  const done = new Set<Resource>();
  const visiting = new Set<Resource>();
  const out: Resource[] = [];
  const visit = (r: Resource) => {
    if (done.has(r) || visiting.has(r)) return;
    visiting.add(r);
    for (const dep of [...valuesOf(r.body), ...r.dependsOn]) {
      const target = byAddress.get(dep);
      if (target) visit(target);
    }
    visiting.delete(r);
    done.add(r);
    out.push(r);
  };
  resources.forEach(visit);
  return out;
}

/** The versions ldgen itself runs with: the generated app pins the same ones. */
function ownPackage(): { dependencies: Record<string, string>; devDependencies: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
}

/** The files of `DIR/cdktf/`, by relative path: a CDKTF TypeScript app whose stack plans like the HCL. */
export function emitCdktf(plan: Plan, options: { specFile: string; templates?: string }): Record<string, string> {
  const templates = new Templates("cdktf", { tsString: (s: unknown) => tsString(String(s)) }, options.templates);
  const resources = declarationOrder(FILES.flatMap((name) => plan.files.find((f) => f.name === name)?.resources ?? []));
  const variables = new Map<string, string>();
  const ctx: TsContext = {
    ref: (addr, attr) => (variables.has(addr) ? `${variables.get(addr)}.${camel(attr)}` : undefined),
    uses: new Set(),
  };
  const imports = new Map<string, string>([["AwsProvider", "@cdktf/provider-aws/lib/provider"]]);
  const taken = new Set<string>();
  const views = resources.map((r) => {
    const { className, module } = binding(r.mode, r.type);
    imports.set(className, module);
    // Labels `a_b` and `aB` would give the same name; a number tells them apart.
    let variable = `${camel(r.label)}${className}`;
    for (let n = 2; taken.has(variable); n++) variable = `${camel(r.label)}${className}${n}`;
    taken.add(variable);
    const view = {
      variable,
      className,
      id: tsString(address(r)),
      label: tsString(r.label),
      items: items(r.body, ctx),
      dependsOn: r.dependsOn.length ? r.dependsOn.map((a) => variables.get(a) ?? missing(a)).join(", ") : undefined,
    };
    variables.set(address(r), view.variable);
    return view;
  });
  const outputs = plan.outputs.map((o) => ({ id: tsString(o.name), description: tsString(o.description), value: ts(o.value, ctx) }));
  const provider = {
    region: plan.region === undefined ? undefined : tsString(plan.region),
  };
  const cdktf = ["App", "LocalBackend", ...(outputs.length ? ["TerraformOutput"] : []), "TerraformStack"];
  const own = ownPackage();
  const version = (name: string) => tsString(own.dependencies[name] ?? own.devDependencies[name] ?? missing(`${name} in ldgen's package.json`));
  const head = header(options.specFile, "//");
  const context = {
    header: head,
    name: plan.name,
    stackName: tsString(plan.name),
    stackClass: `${pascal(plan.name)}Stack`,
    cdktfImports: cdktf.join(", "),
    imports: [...imports].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, module]) => ({ name, module: tsString(module) })),
    requiredVersion: tsString(plan.terraform.requiredVersion),
    awsProvider: tsString(plan.terraform.awsProvider),
    provider,
    resources: views,
    outputs,
    versions: {
      cdktf: version("cdktf"),
      constructs: version("constructs"),
      providerAws: version("@cdktf/provider-aws"),
      typescript: version("typescript"),
      typesNode: version("@types/node"),
    },
  };
  return {
    "main.ts": formatTs(templates.render("cdktf/main.ts", context)),
    "cdktf.json": templates.render("cdktf/cdktf.json", context),
    "package.json": templates.render("cdktf/package.json", context),
    "tsconfig.json": templates.render("cdktf/tsconfig.json", context),
  };
}

function missing(what: string): never {
  throw new Error(`ldgen cdktf: ${what} is not declared`);
}
