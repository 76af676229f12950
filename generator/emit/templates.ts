import * as fs from "node:fs";
import * as path from "node:path";
import Handlebars from "handlebars";
import type { Diagnostic } from "../rules/reporter";
import { suggest } from "../parse/shape";
import { FILES } from "../plan/view";

/** The built-in templates shipped with ldgen. */
export const BUILTIN_TEMPLATES = path.resolve(__dirname, "..", "..", "templates");

export type Helpers = Record<string, Handlebars.HelperDelegate>;

/**
 * Every resource type ldgen writes: a file `hcl/types/<type>.hbs` in a templates folder is rendered inside
 * every resource of that type (after its generated body), so a platform can add `lifecycle` blocks or
 * attributes to every `aws_sqs_queue` without copying the generic partials.
 */
export const RESOURCE_TYPES = [
  "aws_cloudwatch_event_bus",
  "aws_cloudwatch_event_rule",
  "aws_cloudwatch_event_target",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_metric_alarm",
  "aws_dynamodb_table",
  "aws_iam_role",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_kinesis_stream",
  "aws_lambda_alias",
  "aws_lambda_event_source_mapping",
  "aws_lambda_function",
  "aws_lambda_function_event_invoke_config",
  "aws_lambda_permission",
  "aws_s3_bucket",
  "aws_s3_bucket_notification",
  "aws_sns_topic",
  "aws_sns_topic_policy",
  "aws_sns_topic_subscription",
  "aws_sqs_queue",
  "aws_sqs_queue_policy",
  "aws_sqs_queue_redrive_policy",
] as const;

/** Pure helpers every template may use, beside the target's own (`hclString`, `tsString`). */
const COMMON_HELPERS: Helpers = {
  /** `(eq a b)`: strict equality, for `{{#if (eq type "sqs")}}`. */
  eq: (a: unknown, b: unknown) => a === b,
  /** `(not a)` */
  not: (a: unknown) => !a,
  /** `{{join list ", "}}`: the items of a list, joined. */
  join: (list: unknown, separator: unknown) => (Array.isArray(list) ? list.join(typeof separator === "string" ? separator : ", ") : ""),
};

/** A template that does not compile or render: reported as LD822 at its file and line. */
export class TemplateError extends Error {
  constructor(
    readonly code: "LD822" | "LD823",
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly template: string,
    message: string,
  ) {
    super(message);
  }

  toDiagnostic(): Diagnostic {
    return { code: this.code, severity: "error", file: this.file, line: this.line, col: this.col, path: this.template, message: this.message };
  }
}

interface Source {
  text: string;
  /** The file on disk (built-in or override). */
  file: string;
  /** Read from ldgen's own templates folder (not shadowed by a templates folder). */
  builtin?: boolean;
}

/**
 * A private Handlebars instance over one target's templates (`hcl/` or `cdktf/`). Every `.hbs` file is a
 * partial named by its relative path without the extension (`hcl/partials/body`); a file in an override
 * folder with the same relative path shadows the built-in one (later folders shadow earlier ones).
 *
 * With `escape`, `{{value}}` is escaped for the target language (inside a string literal) and values the
 * emitter already rendered as expressions are passed as `safe(...)`; `{{{value}}}` is the raw exception.
 */
export class Templates {
  private readonly hbs = Handlebars.create();
  private readonly sources = new Map<string, Source>();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  /** `extra/<target>/...` files of the override folders, by output path (without `.hbs`). */
  readonly extras = new Map<string, Source & { render: boolean }>();

  constructor(
    private readonly target: string,
    helpers: Helpers,
    overrides?: string | string[],
    private readonly escape?: (text: string) => string,
  ) {
    for (const root of [BUILTIN_TEMPLATES, ...(Array.isArray(overrides) ? overrides : [overrides])]) {
      if (!root) continue;
      const dir = path.join(root, target);
      if (fs.existsSync(dir)) {
        for (const file of walk(dir)) {
          if (!file.endsWith(".hbs")) continue;
          const name = path.relative(root, file).split(path.sep).join("/").replace(/\.hbs$/, "");
          this.sources.set(name, { text: fs.readFileSync(file, "utf8"), file, builtin: root === BUILTIN_TEMPLATES });
        }
      }
      const extra = path.join(root, "extra", target);
      if (root !== BUILTIN_TEMPLATES && fs.existsSync(extra)) {
        for (const file of walk(extra)) {
          const rel = path.relative(extra, file).split(path.sep).join("/");
          this.extras.set(rel.replace(/\.hbs$/, ""), { text: fs.readFileSync(file, "utf8"), file, render: rel.endsWith(".hbs") });
        }
      }
    }
    for (const [name, source] of this.sources) {
      // Each partial reports its own file and line when it fails.
      this.hbs.registerPartial(name, ((context: unknown, options: Handlebars.RuntimeOptions) => this.template(name, source)(context, options)) as unknown as Handlebars.Template);
    }
    this.hbs.registerHelper({ ...COMMON_HELPERS, ...helpers });
  }

  /** A string the template prints as it is: an expression the emitter rendered for the target language. */
  safe(text: string): Handlebars.SafeString {
    return new this.hbs.SafeString(text);
  }

  /**
   * Renders the template at a relative path (`hcl/versions.tf`). `partials` replace partials of that name
   * for this render (an emitter printing a built-in partial natively, see `builtin`).
   */
  render(name: string, context: unknown, partials?: Record<string, (context: unknown) => string>): string {
    const source = this.sources.get(name);
    if (source === undefined) throw new Error(`no template ${name}.hbs`);
    return this.withEscape(() => this.template(name, source)(context, partials && { partials: partials as unknown as Record<string, Handlebars.Template> }));
  }

  /** Whether the template at a relative path is ldgen's own (no templates folder shadows it). */
  builtin(name: string): boolean {
    // (by where it was read from: a path comparison fails across Windows drives, where path.relative is absolute)
    return this.sources.get(name)?.builtin === true;
  }

  /** Renders an `extra/<target>/` file (or returns it as it is, when it is not a `.hbs` file). */
  renderExtra(output: string, context: unknown, generated: Record<string, string> = {}): string {
    const source = this.extras.get(output)!;
    if (generated[output] !== undefined) {
      throw new TemplateError("LD823", source.file, 1, 1, `extra/${this.target}/${output}`, `extra/${this.target}/${output} would replace the generated ${output}; rename it, or shadow ${this.target}/... to change the generated file`);
    }
    if (!source.render) return source.text;
    return this.withEscape(() => this.template(`extra/${this.target}/${output}`, source)(context));
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }

  private template(name: string, source: Source): HandlebarsTemplateDelegate {
    let fn = this.compiled.get(name);
    if (!fn) {
      let compiled: HandlebarsTemplateDelegate;
      try {
        compiled = this.hbs.compile(source.text, { noEscape: this.escape === undefined, strict: true });
      } catch (error) {
        throw templateError(error, source, name);
      }
      fn = (context: unknown, options?: Handlebars.RuntimeOptions) => {
        try {
          return compiled(context, options);
        } catch (error) {
          throw error instanceof TemplateError ? error : templateError(error, source, name);
        }
      };
      this.compiled.set(name, fn);
    }
    return fn;
  }

  /**
   * Handlebars escapes for HTML through one shared function, read when a template is instantiated; it is
   * swapped for the target language's escaping for the duration of one (synchronous) render.
   */
  private withEscape(render: () => string): string {
    if (!this.escape) return render();
    const utils = (Handlebars as unknown as { Utils: { escapeExpression: (v: unknown) => string } }).Utils;
    const html = utils.escapeExpression;
    const escape = this.escape;
    utils.escapeExpression = (value: unknown) => {
      if (value && typeof (value as { toHTML?: unknown }).toHTML === "function") return (value as { toHTML(): string }).toHTML();
      if (value === null || value === undefined || value === false) return value === false ? "false" : "";
      return escape(String(value));
    };
    try {
      return render();
    } finally {
      utils.escapeExpression = html;
    }
  }
}

/** Handlebars' error as a diagnostic at the template's file, line and column. */
function templateError(error: unknown, source: Source, name: string): TemplateError {
  const e = error as { message?: string; lineNumber?: number; column?: number; hash?: { loc?: { first_line: number; first_column: number } } };
  const message = String(e.message ?? error);
  let line = e.lineNumber ?? e.hash?.loc?.first_line;
  let col = e.column !== undefined ? e.column + 1 : e.hash?.loc ? e.hash.loc.first_column + 1 : undefined;
  const parse = /Parse error on line (\d+)/.exec(message);
  if (line === undefined && parse) line = Number(parse[1]);
  const trailing = / - (\d+):(\d+)$/.exec(message);
  if (line === undefined && trailing) [line, col] = [Number(trailing[1]), Number(trailing[2]) + 1];
  const first = message
    .replace(/ - \d+:\d+$/, "")
    .replace(/ in \[object Object\]/, "")
    .split("\n")
    .filter((l) => l.trim() && !/^[-^]+$/.test(l.trim()))
    .slice(0, 1)
    .join(" ");
  const detail = parse ? `${first.replace(/:$/, "")}: ${message.split("\n").pop()}` : first;
  return new TemplateError("LD822", source.file, line ?? 1, col ?? 1, `${name}.hbs`, `the template ${name}.hbs fails: ${detail}; fix the template`);
}

/**
 * The files under a folder, in a fixed order: by code units, or (`english`) as English sorts them, for the
 * lists a user reads. Not `localeCompare`, whose order follows the machine's locale and which loads ICU's
 * collator on its first call: rendering only needs some fixed order, and pays nothing for it.
 */
function walk(dir: string, english = false): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort(english ? (a, b) => englishOrder(a.name, b.name) : (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full, english) : [full];
    });
}

let english: Intl.Collator | undefined;
const englishOrder = (a: string, b: string): number => (english ??= new Intl.Collator("en")).compare(a, b);

/** The built-in template files, by relative path (`ldgen templates`). */
export function builtinTemplates(): string[] {
  return walk(BUILTIN_TEMPLATES, true).map((f) => path.relative(BUILTIN_TEMPLATES, f).split(path.sep).join("/"));
}

/**
 * Checks a templates folder before anything renders: every file shadows a built-in template, customizes a
 * resource type (`hcl/types/<type>.hbs`), adds an output file (`extra/hcl/`, `extra/cdktf/`), or is a
 * README; anything else is LD823 (a misspelled override would otherwise be silently ignored). Every `.hbs`
 * file must compile (LD822).
 */
export function checkTemplatesFolder(root: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const builtins = builtinTemplates();
  const allowed = new Set([...builtins, ...FILES.map((f) => `hcl/${f}.tf.hbs`)]);
  for (const file of walk(root, true)) {
    const rel = path.relative(root, file).split(path.sep).join("/");
    const base = rel.split("/").pop()!;
    if (base.startsWith(".") || (!rel.includes("/") && /^readme(\.\w+)?$/i.test(base))) continue;
    const type = /^hcl\/types\/([^/]+)\.hbs$/.exec(rel)?.[1];
    const ok = allowed.has(rel) || /^extra\/(hcl|cdktf)\/./.test(rel) || (type !== undefined && (RESOURCE_TYPES as readonly string[]).includes(type));
    if (!ok) {
      const known = [...allowed, ...RESOURCE_TYPES.map((t) => `hcl/types/${t}.hbs`)];
      const hint = suggest(rel, known) || "; it must shadow a built-in template (ldgen templates lists them), be hcl/types/<resource type>.hbs, or sit under extra/hcl/ or extra/cdktf/";
      diagnostics.push({ code: "LD823", severity: "error", file, line: 1, col: 1, path: rel, message: `${rel} matches no template, so it would be ignored${hint}; rename or move it` });
      continue;
    }
    if (!rel.endsWith(".hbs")) continue;
    try {
      Handlebars.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      diagnostics.push(templateError(error, { text: "", file }, rel.replace(/\.hbs$/, "")).toDiagnostic());
    }
  }
  return diagnostics;
}
