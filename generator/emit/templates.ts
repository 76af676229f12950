import * as fs from "node:fs";
import * as path from "node:path";
import Handlebars from "handlebars";

/** The built-in templates shipped with ldgen. */
export const BUILTIN_TEMPLATES = path.resolve(__dirname, "..", "..", "templates");

export type Helpers = Record<string, Handlebars.HelperDelegate>;

/**
 * A private Handlebars instance over one target's templates (`hcl/` or `cdktf/`). Every `.hbs`
 * file is a partial named by its relative path without the extension (`hcl/partials/body`); a
 * file in `overrides` with the same relative path shadows the built-in one.
 */
export class Templates {
  private readonly hbs = Handlebars.create();
  private readonly sources = new Map<string, string>();

  constructor(target: string, helpers: Helpers, overrides?: string) {
    for (const root of [BUILTIN_TEMPLATES, overrides]) {
      if (!root) continue;
      const dir = path.join(root, target);
      if (!fs.existsSync(dir)) continue;
      for (const file of walk(dir)) {
        const name = path.relative(root, file).split(path.sep).join("/").replace(/\.hbs$/, "");
        this.sources.set(name, fs.readFileSync(file, "utf8"));
      }
    }
    for (const [name, source] of this.sources) this.hbs.registerPartial(name, source);
    this.hbs.registerHelper(helpers);
  }

  /** Renders the template at a relative path (`hcl/versions.tf`). Values are rendered for the target beforehand. */
  render(name: string, context: unknown): string {
    const source = this.sources.get(name);
    if (source === undefined) throw new Error(`no template ${name}.hbs`);
    return this.hbs.compile(source, { noEscape: true, strict: true })(context);
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : entry.name.endsWith(".hbs") ? [full] : [];
    });
}
