import * as fs from "node:fs";
import * as path from "node:path";
import { address, FILES, TAGGABLE, type Item, type Plan, type Resource, type Value } from "../plan/view";
import { CDK_FLAVORS, type CdkFlavor } from "./cdk-flavors";
import type { Model } from "../model/types";
import { awsName, binding, camel, pascal, ts, tsContent, tsKey, tsMapLiteral, tsString, type TsContext } from "./cdktf-values";
import { templateContext } from "./context";
import { formatTs } from "./cdktf-format";
import { javascriptOf, nativeWiring } from "./cdktf-native";
import type { TsItem, TsRow } from "./cdktf-rows";
import { header } from "./hcl";
import { Templates } from "./templates";

/** `lifecycle: { preventDestroy: true }`, the CDK's `lifecycle { prevent_destroy = true }`. */
const PREVENT_DESTROY: TsItem = Object.freeze({ key: "lifecycle", items: [{ key: "preventDestroy", value: "true" }] });

/** Repeated blocks become one array, at the place of their first occurrence; single blocks objects. */
function items(body: Item[], ctx: TsContext): TsItem[] {
  const out: TsItem[] = [];
  let lists: Map<string, { items: TsItem[] }[]> | undefined;
  for (const item of body) {
    if ("attr" in item) out.push({ key: camel(item.attr), value: (item.value.t === "str" && awsName(item.value.v, ctx)) || ts(item.value, ctx) });
    else if (!item.repeated) out.push({ key: camel(item.block), items: items(item.body, ctx) });
    else {
      lists ??= new Map();
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

/**
 * A resource's tags as the construct writes them: `tags()` (the spec's tags and the `tags` prop),
 * with the entries of its own that differ from the spec's.
 */
function withTags(r: Resource, specTags: Record<string, string>, ctx: TsContext): TsItem[] {
  const rendered = items(r.body, ctx);
  if (r.mode !== "resource" || !TAGGABLE.has(r.type)) return rendered;
  const at = r.body.findIndex((item) => "attr" in item && item.attr === "tags");
  const current = at >= 0 ? (r.body[at] as { value: Value }).value : undefined;
  const own = current?.t === "map" ? current.entries.filter(([k, v]) => !(v.t === "str" && specTags[k] === v.v && Object.hasOwn(specTags, k))) : [];
  // A literal: tags() spreads it over the spec's tags, and passes the result on through map().
  const value = own.length ? `tags(${tsMapLiteral(own, ctx)})` : "tags()";
  if (at >= 0) return rendered.map((item) => (item.key === "tags" && item.value !== undefined ? { key: "tags", value } : item));
  // Where the plan writes tags: after the attributes, before the blocks.
  const firstBlock = rendered.findIndex((item) => item.value === undefined);
  rendered.splice(firstBlock < 0 ? rendered.length : firstBlock, 0, { key: "tags", value });
  return rendered;
}

/** The versions ldgen itself runs with: the generated app pins the same ones. */
function ownPackage(): { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
}

export interface CdkOptions {
  specFile: string;
  templates?: string | string[];
  /** `cdktf` (default) or CDK Terrain (`cdktn`): the same app on the other libraries. */
  flavor?: CdkFlavor;
  /** The resolved spec, for the templates' documented context (`spec`, and the root of `extra/cdktf/` files). */
  model?: Model;
  /** Also give the JavaScript `--synth` runs for each TypeScript file (see `CdkApp.javascript`). */
  javascript?: boolean;
}

export interface CdkApp {
  /** The app's files, by path relative to its folder. */
  files: Record<string, string>;
  /**
   * With `javascript`: for each `.ts` file, the same program as CommonJS JavaScript (what the synth runner
   * would transpile it to), made without transpiling the construct's tables, which are JavaScript already.
   */
  javascript: Record<string, string>;
}

/**
 * The files of `DIR/cdktf/` (or `DIR/cdktn/`), by relative path: a TypeScript app whose construct
 * holds the wiring as one table per resource type, and whose stack plans like the HCL.
 */
export function emitCdktf(plan: Plan, options: CdkOptions): Record<string, string> {
  return emitCdkApp(plan, options).files;
}

/** The CDK app's files and, with `options.javascript`, the JavaScript its synth runs. */
export function emitCdkApp(plan: Plan, options: CdkOptions): CdkApp {
  const flavor = CDK_FLAVORS[options.flavor ?? "cdktf"];
  // `{{x}}` escapes x for a TypeScript string; everything the emitter renders is marked safe (`safeTree`).
  const templates: Templates = new Templates("cdktf", { tsString: (s: unknown) => templates.safe(tsString(String(s))) }, options.templates, tsContent);
  const resources = FILES.flatMap((name) => plan.files.find((f) => f.name === name)?.resources ?? []);
  // Each declared address and attribute name as a string literal, made once.
  const declared = new Map(resources.map((r) => [address(r), tsString(address(r))]));
  const attributes = new Map<string, string>();
  const specTags = plan.tags ?? {};
  const ctx: TsContext = {
    ref: (addr, attr) => {
      const quoted = declared.get(addr);
      if (quoted === undefined) return undefined;
      let name = attributes.get(attr);
      if (name === undefined) attributes.set(attr, (name = tsString(attr)));
      return `ref(${quoted}, ${name})`;
    },
    name: plan.name,
    uses: new Set(),
  };
  // A move into a resource is its row's moveFromId; the earlier links of a chain (whose `to` moved on) are Moved elements.
  const moveInto = new Map(plan.moves.filter((m) => declared.has(m.to)).map((m) => [m.to, m.from]));
  const moved = plan.moves.filter((m) => !declared.has(m.to)).map((m, i) => ({ id: tsString(`moved.${i}`), from: tsString(m.from), to: tsString(m.to) }));
  // One table per resource type, in the order the HCL files first declare each type.
  const tables = new Map<string, { className: string; module: string; type: string; rows: TsRow[] }>();
  for (const r of resources) {
    const type = r.mode === "data" ? `data.${r.type}` : r.type;
    let table = tables.get(type);
    if (!table) {
      const { className, module } = binding(r.mode, r.type);
      table = { className, module: tsString(`${flavor.provider}/${module}`), type: tsString(type), rows: [] };
      tables.set(type, table);
    }
    const config = withTags(r, specTags, ctx);
    // A protected resource: Terraform refuses a plan that destroys it (plan/protect.ts).
    if (r.protect) config.push(PREVENT_DESTROY);
    const moveFrom = moveInto.get(address(r));
    table.rows.push({ key: tsKey(r.label), items: config, dependsOn: r.dependsOn.length ? `[${r.dependsOn.map(tsString).join(", ")}]` : undefined, moveFrom: moveFrom && tsString(moveFrom) });
  }
  const imports = [...tables.values()].map((t) => ({ name: t.className, module: t.module })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const outputs = plan.outputs.map((o) => ({ key: tsKey(o.name), description: tsString(o.description), value: ts(o.value, ctx) }));
  const own = ownPackage();
  const version = (name: string) => {
    const v = own.devDependencies?.[name] ?? own.dependencies?.[name] ?? own.peerDependencies?.[name];
    return tsString(v ?? missing(`${name} in ldgen's package.json`));
  };
  const className = pascal(plan.name);
  const backend = plan.terraform.backend;
  const context = {
    header: header(options.specFile, "//"),
    backend: backend && { type: backend.type, local: backend.type === "local", config: backend.config.map(([key, value]) => ({ key: tsKey(key), value: ts(value, ctx) })) },
    name: plan.name,
    specName: tsString(plan.name),
    specTags: tsMapLiteral(Object.entries(specTags).map(([k, v]) => [k, { t: "str", v }]), ctx),
    constructClass: className,
    stackClass: `${className}Stack`,
    lib: { core: tsString(flavor.core), provider: tsString(`${flavor.provider}/lib/provider`), name: flavor.core, title: flavor.title },
    requiredVersion: tsString(plan.terraform.requiredVersion),
    awsProvider: tsString(plan.terraform.awsProvider),
    provider: { region: plan.region === undefined ? undefined : tsString(plan.region) },
    imports,
    tables: [...tables.values()],
    outputs,
    moved: moved.length ? moved : undefined,
    versions: {
      core: version(flavor.core),
      constructs: version("constructs"),
      providerAws: version(flavor.provider),
      coreName: flavor.core,
      providerName: flavor.provider,
      typescript: version("typescript"),
      typesNode: version("@types/node"),
      tsx: tsString(TSX_VERSION),
    },
    node: flavor.node,
  };
  // The tables' rows and the outputs are most of the context, and the spec's context is for teams' templates:
  // they are built (and marked safe) only for a template other than the built-in ones.
  let full: object | undefined;
  let specContext: object | undefined;
  const spec = () => (specContext ??= options.model ? templateContext(options.model, { header: context.header, target: "cdktf", form: "root" }) : {});
  const withAll = () => (full ??= { ...(safeTree(context, templates) as object), spec: spec() });
  const { outputs: _, ...head } = context;
  const builtin = safeTree({ ...head, tables: context.tables.map(({ rows: _, ...t }) => t) }, templates) as object;
  const contextFor = (name: string) => (templates.builtin(name) ? builtin : withAll());
  const native = nativeWiring(templates, builtin, { tables: context.tables.map((t) => t.rows), outputs }, options.javascript === true);
  const files: Record<string, string> = {
    "main.ts": formatTs(templates.render("cdktf/main.ts", contextFor("cdktf/main.ts"))),
    "wiring.ts": native?.typescript ?? formatTs(templates.render("cdktf/wiring.ts", withAll())),
    "cdktf.json": templates.render("cdktf/cdktf.json", contextFor("cdktf/cdktf.json")),
    "package.json": templates.render("cdktf/package.json", contextFor("cdktf/package.json")),
    "tsconfig.json": templates.render("cdktf/tsconfig.json", contextFor("cdktf/tsconfig.json")),
  };
  for (const output of [...templates.extras.keys()].sort()) files[output] = templates.renderExtra(output, { ...spec(), header: templates.safe(context.header) }, files);
  const javascript: Record<string, string> = {};
  if (options.javascript) {
    for (const [name, text] of Object.entries(files)) {
      if (!name.endsWith(".ts") || name.endsWith(".d.ts")) continue;
      javascript[name] = name === "wiring.ts" && native?.javascript !== undefined ? native.javascript : javascriptOf(text, name);
    }
  }
  return { files, javascript };
}

/** Every string of the emitter's view, marked as rendered already (the templates print it as it is). */
function safeTree(value: unknown, t: Templates): unknown {
  if (typeof value === "string") return t.safe(value);
  if (Array.isArray(value)) return value.map((v) => safeTree(v, t));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safeTree(v, t)]));
  return value;
}

/** The TypeScript runner the generated app's `synth` script uses (`tsx main.ts`). */
const TSX_VERSION = "4.23.15";

function missing(what: string): never {
  throw new Error(`ldgen cdktf: ${what} is not declared`);
}
