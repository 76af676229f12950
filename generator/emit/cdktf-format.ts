/**
 * Indents rendered TypeScript by bracket depth, so that templates need not care about
 * whitespace: two spaces a level, one level per line that leaves brackets open. Blank lines
 * collapse to one and never open or close a block.
 */
export function formatTs(text: string): string {
  const lines: { indent: number; text: string }[] = [];
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
    lines.push({ indent: open.length, text: line });
    const rest = bracketBalance(line.slice(leading));
    if (rest > 0) open.push(rest);
    else close(-rest);
  }
  const kept = lines.filter((l, i) => {
    if (l.text !== "") return true;
    const prev = lines[i - 1];
    const next = lines.slice(i + 1).find((n) => n.text !== "");
    if (!prev || prev.text === "" || /[{[(]$/.test(prev.text)) return false;
    return next !== undefined && !/^[}\])]/.test(next.text);
  });
  // The lines of a `/** ... */` comment keep their one-space offset.
  const indent = (l: { indent: number; text: string }) => "  ".repeat(l.indent) + (l.text.startsWith("*") ? " " : "");
  return kept.map((l) => (l.text === "" ? "" : indent(l) + l.text)).join("\n").replace(/\n*$/, "\n");
}

/** Opening minus closing brackets on a line, outside strings, template literals and `//` comments. */
function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && line[i + 1] === "/") break;
    else if (c === "{" || c === "[" || c === "(") balance++;
    else if (c === "}" || c === "]" || c === ")") balance--;
  }
  return balance;
}
