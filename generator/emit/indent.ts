/**
 * Indentation by bracket nesting, shared by the HCL and TypeScript formatters, so that templates
 * need not care about whitespace: one level (two spaces) per line that leaves brackets open,
 * however many (`jsonencode({` is one). Blank lines collapse to one and never open or close a block.
 *
 * One pass over the text, linear in its length: no line is looked at twice, except the lines of a run
 * that `align` lines up when the run ends.
 */
export interface Syntax {
  /** Characters that open and close a string literal. */
  quotes: string;
  /** Line comment starts, outside strings. */
  comments: string[];
}

/** A line as it is written out: its nesting level and its text without surrounding whitespace. */
export interface Line {
  indent: number;
  text: string;
  /** Brackets the line leaves open (negative when it closes more than it opens). */
  opens: number;
}

export interface FormatOptions {
  /**
   * Lines that can be aligned with their neighbours (`key = value`): called for each line that leaves no
   * bracket open, it returns the part before the aligned column and the rest, or undefined. A run of such
   * lines at one level is padded so the rests start in one column, `widthOf` the widest head.
   */
  align?: { split: (text: string) => [head: string, rest: string] | undefined; join: string; widthOf: (head: string) => number };
  /** Text put between a line's indentation and the line (` ` before the `*` lines of a doc comment). */
  prefix?: (text: string) => string;
}

/** Formats text: indents each line by the brackets left open before it, collapses blank lines, aligns runs. */
export function formatLines(text: string, syntax: Syntax, options: FormatOptions = {}): string {
  const balance = scanner(syntax);
  const { align, prefix } = options;
  const out: string[] = [];
  // Brackets left open by each line still open, innermost last: closing counts them down.
  const open: number[] = [];
  // A blank line waits for the next text line: it is kept (one of a run) when the line before the run
  // did not open a block and the next one does not close one.
  let blankPending = false;
  let previous: string | undefined;
  let run: { indent: number; head: string; rest: string; width: number }[] = [];
  let runIndent = -1;
  const flush = () => {
    if (run.length === 0) return;
    let widest = 0;
    for (const r of run) if (r.width > widest) widest = r.width;
    for (const r of run) out.push(indentation(r.indent) + r.head + " ".repeat(widest - r.width) + align!.join + r.rest);
    run = [];
    runIndent = -1;
  };

  const end = text.length;
  let start = 0;
  while (start <= end) {
    let stop = text.indexOf("\n", start);
    if (stop === -1) stop = end;
    const line = trimmed(text, start, stop);
    start = stop + 1;
    if (line === "") {
      if (previous !== undefined && previous !== "" && !isOpener(previous.charCodeAt(previous.length - 1))) blankPending = true;
      previous = "";
      continue;
    }
    let leading = 0;
    while (leading < line.length && isCloser(line.charCodeAt(leading))) leading++;
    // Close `leading` brackets: the level of this line is what stays open.
    for (let n = leading; n > 0 && open.length > 0; ) {
      const top = open.length - 1;
      const take = open[top] < n ? open[top] : n;
      open[top] -= take;
      n -= take;
      if (open[top] === 0) open.pop();
    }
    const indent = open.length;
    const rest = balance(line, leading);
    if (rest > 0) open.push(rest);
    else
      for (let n = -rest; n > 0 && open.length > 0; ) {
        const top = open.length - 1;
        const take = open[top] < n ? open[top] : n;
        open[top] -= take;
        n -= take;
        if (open[top] === 0) open.pop();
      }
    if (blankPending) {
      blankPending = false;
      if (leading === 0) {
        flush();
        out.push("");
      }
    }
    previous = line;
    const text_ = prefix ? prefix(line) + line : line;
    const parts = align && rest - leading === 0 ? align.split(text_) : undefined;
    if (parts === undefined || (run.length > 0 && runIndent !== indent)) flush();
    if (parts !== undefined) {
      run.push({ indent, head: parts[0], rest: parts[1], width: align!.widthOf(parts[0]) });
      runIndent = indent;
    } else out.push(indentation(indent) + text_);
  }
  flush();
  return out.join("\n") + "\n";
}

/** The line between two offsets without surrounding whitespace (as `String.prototype.trim` has it). */
function trimmed(text: string, from: number, to: number): string {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/** Code units `trim` removes that can occur in rendered text (templates and escaped values hold no others). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000;
}

const INDENTS: string[] = [];
function indentation(level: number): string {
  return (INDENTS[level] ??= "  ".repeat(level));
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
