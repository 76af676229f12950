import { indentLines, joinLines, type Line } from "./indent";

/**
 * Indents and aligns rendered HCL the way `terraform fmt` does: two spaces a nesting level, and the
 * `=` of consecutive one-line attributes at the same level aligned (a block, a comment, a blank line
 * or a multi-line value ends a run).
 */
export function formatHcl(text: string): string {
  const lines = indentLines(text, { quotes: '"', comments: ["#", "//"] });
  align(lines);
  return joinLines(lines);
}

const ATTRIBUTE = /^("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?!=)(.*)$/;

function align(lines: Line[]): void {
  let run: { line: Line; key: string; rest: string }[] = [];
  // Widths in characters (code points), as terraform fmt counts them, not UTF-16 units: "😀" is one character.
  const width = (key: string) => [...key].length;
  const flush = () => {
    const widest = run.reduce((most, r) => Math.max(most, width(r.key)), 0);
    for (const r of run) r.line.text = `${r.key}${" ".repeat(widest - width(r.key))} = ${r.rest}`;
    run = [];
  };
  for (const line of lines) {
    const match = line.opens === 0 ? ATTRIBUTE.exec(line.text) : null;
    if (!match || (run.length > 0 && run[0].line.indent !== line.indent)) flush();
    if (match) run.push({ line, key: match[1], rest: match[2] });
  }
  flush();
}
