const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `45`, `"45"`, `"45s"`, `"5m"`, `"1h"`, `"7d"` -> seconds; undefined when it is not a duration. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^(-?\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2] || "s"];
}

/** 21600 -> "6h", 90 -> "90s": the shortest exact spelling, for messages. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (seconds !== 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
