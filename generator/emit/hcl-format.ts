/**
 * Indents and aligns rendered HCL the way `terraform fmt` does, so that templates need not care
 * about whitespace: two spaces a nesting level, and the `=` of consecutive one-line attributes
 * at the same level aligned. Blank lines collapse to one and never open or close a block.
 */
export function formatHcl(text: string): string {
  const lines: { indent: number; text: string; opens: number }[] = [];
  // One indentation level per line that leaves brackets open, however many (`jsonencode({` is one).
  const open: number[] = [];
  const close = (n: number) => {
    while (n > 0 && open.length > 0) {
      const take = Math.min(n, open[open.length - 1]);
      open[open.length - 1] -= take;
      n -= take;
      if (open[open.length - 1] === 0) open.pop();
    }
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const leading = /^[}\])]*/.exec(line)![0].length;
    close(leading);
    const indent = open.length;
    const rest = bracketBalance(line.slice(leading));
    if (rest > 0) open.push(rest);
    else close(-rest);
    lines.push({ indent, text: line, opens: rest - leading });
  }
  const kept = lines.filter((l, i) => {
    if (l.text !== "") return true;
    const prev = lines[i - 1];
    const next = lines.slice(i + 1).find((n) => n.text !== "");
    if (!prev || prev.text === "" || /[{[(]$/.test(prev.text)) return false;
    return next !== undefined && !/^[}\])]/.test(next.text);
  });
  align(kept);
  return kept.map((l) => (l.text === "" ? "" : "  ".repeat(l.indent) + l.text)).join("\n").replace(/\n*$/, "\n");
}

const ATTRIBUTE = /^("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?!=)(.*)$/;

function align(lines: { indent: number; text: string; opens: number }[]): void {
  let run: { line: (typeof lines)[number]; key: string; rest: string }[] = [];
  const flush = () => {
    const width = Math.max(...run.map((r) => r.key.length));
    for (const r of run) r.line.text = `${r.key.padEnd(width)} = ${r.rest}`;
    run = [];
  };
  for (const line of lines) {
    const match = line.opens === 0 ? ATTRIBUTE.exec(line.text) : null;
    if (match && (run.length === 0 || run[0].line.indent === line.indent)) {
      run.push({ line, key: match[1], rest: match[2] });
    } else {
      if (run.length) flush();
      if (match) run.push({ line, key: match[1], rest: match[2] });
    }
  }
  if (run.length) flush();
}

/** Opening minus closing brackets on a line, outside string literals. */
function bracketBalance(line: string): number {
  let balance = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "#") break;
    else if (c === "{" || c === "[" || c === "(") balance++;
    else if (c === "}" || c === "]" || c === ")") balance--;
  }
  return balance;
}
