/**
 * The ground floor: diagnostics, paths and the reporter, for any set of codes. The rule catalog (`rules/catalog.ts`)
 * builds on this file, never the other way round; `rules/reporter.ts` binds the reporter to the catalog's codes.
 */
export type Severity = "error" | "warning" | "info";
/** A path in the user's words: keys and list indexes from the document root. */
export type Path = readonly (string | number)[];

/**
 * `[...path, ...keys]` in an array of exactly that length, for paths the model keeps: V8 builds a spread
 * literal with room for 20 entries, and a spec's model keeps thousands of paths.
 */
export function pathTo(path: Path, ...keys: (string | number)[]): Path {
  return path.concat(keys);
}

export interface Diagnostic<Code extends string = string> {
  code: Code;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  /** `functions.resize.async.onSuccess` */
  path: string;
  message: string;
}

export function formatPath(path: Path): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path ? `${d.path}: ` : "";
  return `${d.file}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${where}${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function sortDiagnostics<D extends Diagnostic>(diagnostics: D[]): D[] {
  // (codes are `LD` and three digits: code-unit order is their order, in any locale)
  return diagnostics.sort((a, b) => a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Where a diagnostic points, resolved from a path by whoever owns the document. */
export interface Locate {
  (path: Path, at?: "key" | "value"): { line: number; col: number };
}

/** Collects diagnostics for one file; every stage reports through it. `severity` says how bad each code is. */
export class Reporter<Code extends string = string> {
  readonly diagnostics: Diagnostic<Code>[] = [];
  constructor(
    readonly file: string,
    private readonly locate: Locate,
    private readonly severity: (code: Code) => Severity,
  ) {}

  /** The line and column of the key or value at a path (the nearest ancestor that exists). */
  position(path: Path, at: "key" | "value" = "key"): { line: number; col: number } {
    return this.locate(path, at);
  }

  report(code: Code, path: Path, message: string, at: "key" | "value" = "value"): void {
    const { line, col } = this.locate(path, at);
    this.diagnostics.push({ code, severity: this.severity(code), file: this.file, line, col, path: formatPath(path), message });
  }

  /**
   * Quote a user value for a message: strings in double quotes, the rest as JSON, but for the numbers JSON has
   * no word for, which are written as YAML writes them (`.inf`, `-.inf`, `.nan`), inside lists and mappings too.
   */
  static show(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" && !Number.isFinite(value)) return yamlNumber(value);
    let odd = false;
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? ((odd = true), `\u0000${yamlNumber(v)}\u0000`) : v));
    const shown = text === undefined ? String(value) : odd ? text.replace(/"\\u0000([^"]*)\\u0000"/g, "$1") : text;
    return shown.length > 60 ? shown.slice(0, 57) + "..." : shown;
  }
}

/** `.inf`, `-.inf` or `.nan`: a number JSON cannot write, as YAML writes it. */
export function yamlNumber(n: number): string {
  return Number.isNaN(n) ? ".nan" : n > 0 ? ".inf" : "-.inf";
}
