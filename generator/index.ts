import { sortDiagnostics, type Path } from "./diagnostics";
import type { Diagnostic } from "./rules/reporter";
import { resolve, type ResolveOptions } from "./model/resolve";
import type { Model } from "./model/types";
import { load } from "./parse/load";
import { checkShape } from "./parse/shape";
import { specSchema } from "./parse/spec-schema";
import { plan as makePlan } from "./plan";
import type { Plan } from "./plan/view";
import { checkModel, checkPartition, checkPlan } from "./rules";
import { loadPlatform } from "./platform/load";
import type { Platform, PlatformSource } from "./platform/types";
import { checkRequirements } from "./platform/require";
import { planMoves, undoRenames } from "./plan/moves";
import { Reporter } from "./rules/reporter";
import type { Snapshot } from "./diff/snapshot";

export { formatDiagnostic, hasErrors } from "./diagnostics";
export type { Diagnostic } from "./rules/reporter";
export { RULES, type Rule, type RuleCode } from "./rules/catalog";
export { jsonSchema, platformJsonSchema } from "./parse/json-schema";
export { graph } from "./emit/graph";
export type { Model } from "./model/types";
export type { Move, Plan, Resource } from "./plan/view";
export type { Platform, PlatformSource } from "./platform/types";
export { PLATFORM_FILE } from "./platform/schema";
export type { ImportOptions, ImportReport } from "./import";

/** `all` is HCL and CDKTF; `cdktn` (CDK Terrain) is asked for by name. */
export type Target = "hcl" | "cdktf" | "cdktn" | "all";
/** `root`: a Terraform root module (provider, backend); `module`: a child module named and tagged by its caller. */
export type Form = "root" | "module";

export interface Options extends Omit<ResolveOptions, "platform"> {
  /** Output folder the generated files are meant for (local code paths are made relative to it). Default `out`. */
  outDir?: string;
  /** A folder whose files shadow the built-in templates with the same relative path (over the platform's). */
  templates?: string;
  /** The platform file (`ldgen.platform.yaml`), read by the caller: its defaults, tags, requirements and templates apply. */
  platform?: PlatformSource;
  /** The HCL output's form (default `root`). */
  form?: Form;
  /** Also give, in `Generated.javascript`, the JavaScript a CDK app's synth runs (for `--synth`). */
  javascript?: boolean;
  /** `false` reads the YAML with the yaml package alone, without the fast reader (parse/fast-yaml.ts): the tests compare both. */
  fastYaml?: boolean;
  /**
   * What the last generate into the output folder recorded (its manifest's plan, `diff/snapshot.ts`): resources
   * that only changed address move (Plan.moves), and the moves it recorded are kept until they can go.
   */
  previous?: Snapshot;
}

export interface Checked {
  diagnostics: Diagnostic[];
  model?: Model;
  plan?: Plan;
  platform?: Platform;
  /** The spec document as data, and where a path is written in it (what `ldgen diff` points at). */
  document?: { value: unknown; position(path: Path): { line: number; col: number } };
}

/** Parses, resolves and checks a spec (and its platform file): every problem, in one run. Writes nothing. */
export function check(text: string, file: string, options: Options = {}): Checked {
  const loaded = options.platform ? loadPlatform(options.platform, options.exists, options.fastYaml) : undefined;
  const platform = loaded?.platform;
  const first = sortDiagnostics(loaded?.diagnostics ?? []);
  const { value, reporter } = load(text, file, specSchema, { fast: options.fastYaml });
  if (value === undefined) return { diagnostics: [...first, ...sortDiagnostics(reporter.diagnostics)], platform };
  const spec = checkShape(value, specSchema, [], reporter) as Record<string, unknown>;
  checkPartition(spec, reporter);
  const model = resolve(spec, file, reporter, { ...options, platform });
  checkModel(model, reporter);
  if (platform) checkRequirements(model, value, platform, reporter);
  const plan = makePlan(model, { outDir: options.outDir ?? "out" });
  if (model.renames.length > 0 || options.previous) plan.moves = movesOf(spec, file, model, plan, options, platform, reporter);
  checkPlan(plan, reporter);
  const document = { value, position: (path: Path) => reporter.position(path, "key") };
  return { diagnostics: [...first, ...checkTemplates(templateFolders(platform, options)), ...sortDiagnostics(reporter.diagnostics)], model, plan, platform, document };
}

/**
 * Plan.moves (plan/moves.ts): from `renamedFrom` (the spec planned again with its renames undone, quietly: its
 * problems are the spec's, reported once) and from the previous generate's record.
 */
function movesOf(spec: Record<string, unknown>, file: string, model: Model, plan: Plan, options: Options, platform: Platform | undefined, reporter: Reporter): Plan["moves"] {
  let renamed: Plan | undefined;
  if (model.renames.length > 0) {
    const quiet = new Reporter(file, () => ({ line: 1, col: 1 }));
    renamed = makePlan(resolve(undoRenames(spec, model.renames), file, quiet, { ...options, platform }), { outDir: options.outDir ?? "out" });
  }
  return planMoves(plan, model.renames, { renamed, previous: options.previous }, reporter);
}

export interface Generated extends Checked {
  /** Files by path relative to the output folder (`hcl/versions.tf`, `cdktf/main.ts`); empty when the spec has errors. */
  files: Record<string, string>;
  /**
   * With `options.javascript`: for each TypeScript file of a CDK app, by the same path (`cdktf/wiring.ts`),
   * the CommonJS JavaScript `synth` runs instead of transpiling it (see `emitCdkApp`).
   */
  javascript?: Record<string, string>;
}

/** The template folders that apply: the platform's, then `--templates` (which shadows it). */
function templateFolders(platform: Platform | undefined, options: Options): string[] {
  return [platform?.templates, options.templates].filter((t): t is string => t !== undefined);
}

/** Every file of the template folders matches something and compiles (LD823, LD822). Loads Handlebars only when there are any. */
function checkTemplates(folders: string[]): Diagnostic[] {
  if (folders.length === 0) return [];
  const { checkTemplatesFolder } = require("./emit/templates") as typeof import("./emit/templates");
  return folders.flatMap(checkTemplatesFolder);
}

/** Checks a spec and, when it has no errors, renders the output files. Writes nothing. */
export function generate(text: string, file: string, target: Target = "all", options: Options = {}): Generated {
  const checked = check(text, file, options);
  const files: Record<string, string> = {};
  const javascript: Record<string, string> | undefined = options.javascript ? {} : undefined;
  if (!checked.plan || checked.diagnostics.some((d) => d.severity === "error")) return { ...checked, files };
  const specFile = file.split(/[\\/]/).pop()!;
  // The platform's templates first, then --templates: the later folder shadows the earlier.
  const templates = templateFolders(checked.platform, options);
  try {
    render(checked, files, javascript, target, { specFile, templates, form: options.form });
  } catch (error) {
    const { TemplateError } = require("./emit/templates") as typeof import("./emit/templates");
    if (!(error instanceof TemplateError)) throw error;
    return { ...checked, diagnostics: [...checked.diagnostics, error.toDiagnostic()], files: {} };
  }
  return { ...checked, files, ...(javascript && { javascript }) };
}

function render(checked: Checked, files: Record<string, string>, javascript: Record<string, string> | undefined, target: Target, options: { specFile: string; templates: string[]; form?: Form }): void {
  const { specFile, templates } = options;
  if (target === "hcl" || target === "all") {
    // Templating loads Handlebars; `validate` never needs it.
    const { emitHcl } = require("./emit/hcl") as typeof import("./emit/hcl");
    for (const [name, text] of Object.entries(emitHcl(checked.plan!, { specFile, templates, form: options.form, model: checked.model }))) files[`hcl/${name}`] = text;
  }
  for (const flavor of target === "all" ? (["cdktf"] as const) : target === "cdktf" || target === "cdktn" ? [target] : []) {
    // The CDK emitter is plain templating; only `--synth` loads cdktf (or cdktn) itself, in a child process.
    const { emitCdkApp } = require("./emit/cdktf") as typeof import("./emit/cdktf");
    const app = emitCdkApp(checked.plan!, { specFile, templates, flavor, model: checked.model, javascript: javascript !== undefined });
    for (const [name, text] of Object.entries(app.files)) files[`${flavor}/${name}`] = text;
    for (const [name, js] of Object.entries(app.javascript)) javascript![`${flavor}/${name}`] = js;
  }
}

/**
 * Checks a spec and, when it has no errors, returns the sample events of `ldgen events`: files by
 * path relative to the output folder (`<function>/<sender>.json` and `.schema.json`). Writes nothing.
 */
export function events(text: string, file: string, options: Options = {}): Checked & { files: Record<string, string> } {
  const checked = check(text, file, options);
  if (!checked.model || checked.diagnostics.some((d) => d.severity === "error")) return { ...checked, files: {} };
  const { sampleEvents } = require("./events/samples") as typeof import("./events/samples");
  return { ...checked, files: sampleEvents(checked.model) };
}

/**
 * `ldgen import`: reads `terraform show -json` of a state or plan (text or parsed) and gives the spec that
 * generates the same resources, the blocks and commands that hand them over, and what the spec cannot express.
 * Writes nothing. The importer (and the yaml writer) load on first use.
 */
export function importShow(input: string | unknown, options?: import("./import").ImportOptions): import("./import").ImportReport {
  const { importWith } = require("./import") as typeof import("./import");
  return importWith(check, input, options);
}
