import { formatLines } from "./indent";

/**
 * Indents and aligns rendered HCL the way `terraform fmt` does: two spaces a nesting level, and the
 * `=` of consecutive one-line attributes at the same level aligned (a block, a comment, a blank line
 * or a multi-line value ends a run).
 */
export function formatHcl(text: string): string {
  return formatLines(text, { quotes: '"', comments: ["#", "//"] }, { align: HCL_ALIGN });
}

const ATTRIBUTE = /^("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?!=)(.*)$/;

/** A one-line attribute's key and value (`key = value`), or undefined for any other line. */
function attribute(text: string): [string, string] | undefined {
  const match = ATTRIBUTE.exec(text);
  return match ? [match[1], match[2]] : undefined;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Widths in characters (code points), as terraform fmt counts them, not UTF-16 units: "😀" is one character. */
function width(key: string): number {
  return ASCII.test(key) ? key.length : [...key].length;
}

/** How HCL attributes line up: `key = value` lines, by their keys' widths. */
export const HCL_ALIGN = { split: attribute, join: " = ", widthOf: width };
