/**
 * Indentation by bracket nesting, shared by the HCL and TypeScript formatters, so that templates
 * need not care about whitespace: one level (two spaces) per line that leaves brackets open,
 * however many (`jsonencode({` is one). Blank lines collapse to one and never open or close a block.
 */
export interface Line {
  indent: number;
  text: string;
  /** Brackets the line leaves open (negative when it closes more than it opens). */
  opens: number;
}

export interface Syntax {
  /** Characters that open and close a string literal. */
  quotes: string;
  /** Line comment starts, outside strings. */
  comments: string[];
}

export function indentLines(text: string, syntax: Syntax): Line[] {
  const lines: Line[] = [];
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
    const rest = bracketBalance(line.slice(leading), syntax);
    if (rest > 0) open.push(rest);
    else close(-rest);
    lines.push({ indent, text: line, opens: rest - leading });
  }
  // The next non-blank line after each position, found in one backward pass (linear in the lines).
  const nextText: (string | undefined)[] = new Array(lines.length);
  let following: string | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    nextText[i] = following;
    if (lines[i].text !== "") following = lines[i].text;
  }
  return lines.filter((l, i) => {
    if (l.text !== "") return true;
    const prev = lines[i - 1];
    if (!prev || prev.text === "" || /[{[(]$/.test(prev.text)) return false;
    const next = nextText[i];
    return next !== undefined && !/^[}\])]/.test(next);
  });
}

/** Joins lines with their indentation (plus `extra` for lines such as `* ...` in doc comments), ending in one newline. */
export function joinLines(lines: Line[], extra: (line: Line) => string = () => ""): string {
  return lines.map((l) => (l.text === "" ? "" : "  ".repeat(l.indent) + extra(l) + l.text)).join("\n").replace(/\n*$/, "\n");
}

/** Opening minus closing brackets on a line, outside string literals and line comments. */
function bracketBalance(line: string, syntax: Syntax): number {
  let balance = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (syntax.quotes.includes(c)) quote = c;
    else if (syntax.comments.some((start) => line.startsWith(start, i))) break;
    else if (c === "{" || c === "[" || c === "(") balance++;
    else if (c === "}" || c === "]" || c === ")") balance--;
  }
  return balance;
}
