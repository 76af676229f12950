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
  const scan = scanner(syntax);
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
    let leading = 0;
    while (leading < line.length && isCloser(line.charCodeAt(leading))) leading++;
    close(leading);
    const indent = open.length;
    const rest = scan(line, leading);
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
    if (!prev || prev.text === "" || isOpener(prev.text.charCodeAt(prev.text.length - 1))) return false;
    const next = nextText[i];
    return next !== undefined && !isCloser(next.charCodeAt(0));
  });
}

const INDENTS: string[] = [];
function indentation(level: number): string {
  return (INDENTS[level] ??= "  ".repeat(level));
}

/** Joins lines with their indentation (plus `extra` for lines such as `* ...` in doc comments), ending in one newline. */
export function joinLines(lines: Line[], extra: (line: Line) => string = () => ""): string {
  const parts: string[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    parts[i] = l.text === "" ? "" : indentation(l.indent) + extra(l) + l.text;
  }
  // One newline at the end, however many empty lines the text ended with (without a regex over the whole text).
  let end = parts.length;
  while (end > 0 && parts[end - 1] === "") end--;
  return parts.slice(0, end).join("\n") + "\n";
}

const isOpener = (c: number) => c === 123 /* { */ || c === 91 /* [ */ || c === 40; /* ( */
const isCloser = (c: number) => c === 125 /* } */ || c === 93 /* ] */ || c === 41; /* ) */

/**
 * Opening minus closing brackets on a line from `from`, outside string literals and line comments:
 * a loop over character codes with a table of the few that matter (quotes and comment starts are ASCII).
 */
function scanner(syntax: Syntax): (line: string, from: number) => number {
  const OTHER = 0, QUOTE = 1, COMMENT = 2, OPEN = 3, CLOSE = 4;
  const table = new Uint8Array(128);
  for (const c of "{[(") table[c.charCodeAt(0)] = OPEN;
  for (const c of "}])") table[c.charCodeAt(0)] = CLOSE;
  for (const start of syntax.comments) table[start.charCodeAt(0)] = COMMENT;
  for (const q of syntax.quotes) table[q.charCodeAt(0)] = QUOTE;
  const BACKSLASH = 92;
  return (line, from) => {
    let balance = 0;
    let quote = -1;
    for (let i = from; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (quote !== -1) {
        if (c === BACKSLASH) i++;
        else if (c === quote) quote = -1;
        continue;
      }
      const kind = c < 128 ? table[c] : OTHER;
      if (kind === OTHER) continue;
      if (kind === QUOTE) quote = c;
      else if (kind === COMMENT) {
        if (syntax.comments.some((start) => line.startsWith(start, i))) break;
      } else if (kind === OPEN) balance++;
      else balance--;
    }
    return balance;
  };
}
