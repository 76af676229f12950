import { RULES, type RuleCode } from "./rules/catalog";

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

export interface Diagnostic {
  code: RuleCode;
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

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  // (codes are `LD` and three digits: code-unit order is their order, in any locale)
  return diagnostics.sort((a, b) => a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Where a diagnostic points, resolved from a path by whoever owns the document. */
export interface Locate {
  (path: Path, at?: "key" | "value"): { line: number; col: number };
}

/** Collects diagnostics for one spec file; every stage reports through it. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly file: string,
    private readonly locate: Locate,
  ) {}

  /** The line and column of the key or value at a path (the nearest ancestor that exists). */
  position(path: Path, at: "key" | "value" = "key"): { line: number; col: number } {
    return this.locate(path, at);
  }

  report(code: RuleCode, path: Path, message: string, at: "key" | "value" = "value"): void {
    const { line, col } = this.locate(path, at);
    this.diagnostics.push({ code, severity: RULES[code].severity, file: this.file, line, col, path: formatPath(path), message });
  }

  /** Quote a user value for a message: strings in double quotes, the rest as JSON. */
  static show(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + "..." : text;
  }
}
