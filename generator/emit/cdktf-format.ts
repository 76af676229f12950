import { formatLines } from "./indent";

/** Indents rendered TypeScript by bracket depth; the lines of a `/** ... *\/` comment keep their one-space offset. */
export function formatTs(text: string): string {
  return formatLines(text, { quotes: "\"'`", comments: ["//"] }, { prefix: (line) => (line.startsWith("*") ? " " : "") });
}
