import { indentLines, joinLines } from "./indent";

/** Indents rendered TypeScript by bracket depth; the lines of a `/** ... *\/` comment keep their one-space offset. */
export function formatTs(text: string): string {
  const lines = indentLines(text, { quotes: "\"'`", comments: ["//"] });
  return joinLines(lines, (l) => (l.text.startsWith("*") ? " " : ""));
}
