import { sortDiagnostics, type Diagnostic } from "./diagnostics";
import { resolve, type ResolveOptions } from "./model/resolve";
import type { Model } from "./model/types";
import { load } from "./parse/load";
import { checkShape } from "./parse/shape";
import { specSchema } from "./parse/spec-schema";
import { plan as makePlan } from "./plan";
import type { Plan } from "./plan/view";
import { checkModel, checkPlan } from "./rules";

export { formatDiagnostic, hasErrors, type Diagnostic } from "./diagnostics";
export { RULES, type Rule, type RuleCode } from "./rules/catalog";
export { jsonSchema } from "./parse/json-schema";
export { graph } from "./emit/graph";
export type { Model } from "./model/types";
export type { Plan } from "./plan/view";

/** `all` is HCL and CDKTF; `cdktn` (CDK Terrain) is asked for by name. */
export type Target = "hcl" | "cdktf" | "cdktn" | "all";

export interface Options extends ResolveOptions {
  /** Output folder the generated files are meant for (local code paths are made relative to it). Default `out`. */
  outDir?: string;
  /** A folder whose files shadow the built-in templates with the same relative path. */
  templates?: string;
}

export interface Checked {
  diagnostics: Diagnostic[];
  model?: Model;
  plan?: Plan;
}

/** Parses, resolves and checks a spec: every problem, in one run. Writes nothing. */
export function check(text: string, file: string, options: Options = {}): Checked {
  const { value, reporter } = load(text, file, specSchema);
  if (value === undefined) return { diagnostics: sortDiagnostics(reporter.diagnostics) };
  const spec = checkShape(value, specSchema, [], reporter) as Record<string, unknown>;
  const model = resolve(spec, file, reporter, options);
  checkModel(model, reporter);
  const plan = makePlan(model, { outDir: options.outDir ?? "out" });
  checkPlan(plan, reporter);
  return { diagnostics: sortDiagnostics(reporter.diagnostics), model, plan };
}

export interface Generated extends Checked {
  /** Files by path relative to the output folder (`hcl/versions.tf`, `cdktf/main.ts`); empty when the spec has errors. */
  files: Record<string, string>;
}

/** Checks a spec and, when it has no errors, renders the output files. Writes nothing. */
export function generate(text: string, file: string, target: Target = "all", options: Options = {}): Generated {
  const checked = check(text, file, options);
  const files: Record<string, string> = {};
  if (!checked.plan || checked.diagnostics.some((d) => d.severity === "error")) return { ...checked, files };
  const specFile = file.split(/[\\/]/).pop()!;
  if (target === "hcl" || target === "all") {
    // Templating loads Handlebars; `validate` never needs it.
    const { emitHcl } = require("./emit/hcl") as typeof import("./emit/hcl");
    for (const [name, text] of Object.entries(emitHcl(checked.plan, { specFile, templates: options.templates }))) files[`hcl/${name}`] = text;
  }
  for (const flavor of target === "all" ? (["cdktf"] as const) : target === "cdktf" || target === "cdktn" ? [target] : []) {
    // The CDK emitter is plain templating; only `--synth` loads cdktf (or cdktn) itself, in a child process.
    const { emitCdktf } = require("./emit/cdktf") as typeof import("./emit/cdktf");
    for (const [name, text] of Object.entries(emitCdktf(checked.plan, { specFile, templates: options.templates, flavor }))) files[`${flavor}/${name}`] = text;
  }
  return { ...checked, files };
}
