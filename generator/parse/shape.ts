import { closest, distance } from "fastest-levenshtein";
import type { Path } from "../diagnostics";
import { Reporter } from "../rules/reporter";
import { formatDuration, parseDuration } from "./duration";
import type { Field } from "./fields";
import type { RuleCode } from "../rules/catalog";

/**
 * Checks a value against its field description and returns it cleaned: durations in seconds,
 * scalar map values as strings, and anything of the wrong type left out (after reporting it),
 * so that later stages can trust every type.
 */
export function checkShape(value: unknown, field: Field, path: Path, reporter: Reporter): unknown {
  return shape(value, field, [...path], reporter);
}

/**
 * checkShape over one path, extended and shortened as the walk goes: a spec has thousands of values,
 * and a copy of the path for each was most of what the check allocated. A report gets its own copy.
 */
function shape(value: unknown, field: Field, path: (string | number)[], reporter: Reporter): unknown {
  switch (field.kind) {
    case "string":
      if (typeof value !== "string") return wrongType(value, "a string", path, reporter);
      if (field.pattern && !field.pattern.test(value)) {
        reporter.report(field.rule ?? "LD107", [...path], `expected ${field.format ?? `a value matching ${field.pattern}`} (got ${Reporter.show(value)})`);
        return undefined;
      }
      return value;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return wrongType(value, "an integer", path, reporter);
      if (field.oneOf && !field.oneOf.includes(value)) {
        reporter.report(field.rule ?? "LD106", [...path], `must be one of ${field.oneOf.join(", ")} (got ${value})`);
        return undefined;
      }
      return inRange(value, field.min, field.max, path, reporter, field.rule, String) ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : wrongType(value, "true or false", path, reporter);
    case "duration": {
      const seconds = parseDuration(value);
      if (seconds === undefined) {
        reporter.report("LD105", [...path], `expected a duration such as 45, "45s", "5m", "1h" or "7d" (got ${Reporter.show(value)})`);
        return undefined;
      }
      if (field.minusOne && seconds === -1) return -1;
      const show = (s: number) => formatDuration(s);
      const ok = inRange(seconds, field.min, field.max, path, reporter, field.rule, show, field.minusOne ? "-1 or " : "");
      return ok ? seconds : undefined;
    }
    case "enum":
      if (typeof value === "string" && field.values.includes(value)) return value;
      reporter.report("LD104", [...path], `must be one of ${field.values.join(", ")} (got ${Reporter.show(value)})${suggest(value, field.values)}`);
      return undefined;
    case "map": {
      if (!isPlainObject(value)) return wrongType(value, "a mapping", path, reporter);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (field.of.kind === "string" && (typeof item === "number" || typeof item === "boolean")) {
          setKey(out, key, String(item));
          continue;
        }
        path.push(key);
        setKey(out, key, shape(item, field.of, path, reporter));
        path.pop();
      }
      return out;
    }
    case "list": {
      if (!Array.isArray(value)) return wrongType(value, "a list", path, reporter);
      if (field.max !== undefined && value.length > field.max) {
        reporter.report(field.rule ?? "LD106", [...path, field.max], `at most ${field.max} entries are allowed (got ${value.length}); remove the entries from here on`);
      }
      // (map: an array of exactly its length, where one grown by push keeps room for 16 entries)
      return value.map((item, i) => {
        path.push(i);
        const cleaned = shape(item, field.of, path, reporter);
        path.pop();
        return cleaned;
      });
    }
    case "object": {
      if (!isPlainObject(value)) return wrongType(value, "a mapping", path, reporter);
      const keys = Object.keys(value);
      for (const key of keys) {
        if (!Object.hasOwn(field.fields, key)) {
          reporter.report("LD101", [...path, key], `unknown key ${JSON.stringify(key)}${suggest(key, Object.keys(field.fields))}`, "key");
        }
      }
      if (field.required) {
        for (const key of field.required) {
          if (value[key] === undefined || value[key] === null) reporter.report("LD103", [...path], `${JSON.stringify(key)} is required`, "key");
        }
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        if (!Object.hasOwn(field.fields, key)) continue;
        path.push(key);
        setKey(out, key, shape(value[key], field.fields[key], path, reporter));
        path.pop();
      }
      return out;
    }
    case "stringOr":
      if (typeof value === "string") return shape(value, field.string, path, reporter);
      if (isPlainObject(value)) return shape(value, field.object, path, reporter);
      return wrongType(value, "a name, an ARN or a mapping", path, reporter);
    case "any":
      return finite(value, path, reporter);
  }
}

/**
 * A free-form value (an event pattern, a target's input, a filter, a backend setting) becomes JSON or HCL, which
 * have no infinite number and no NaN: each one is reported (LD102) and read as null, so that the checks after this
 * one see a value they can print (a copy; a value without any is returned as it is).
 */
function finite(value: unknown, path: (string | number)[], reporter: Reporter): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) {
    reporter.report("LD102", [...path], `expected a finite number: JSON and Terraform have none for ${Reporter.show(value)} (got ${Reporter.show(value)})`);
    return null;
  }
  if (typeof value !== "object" || value === null) return value;
  let copy: unknown[] | Record<string, unknown> | undefined;
  const keys = Array.isArray(value) ? [...value.keys()] : Object.keys(value);
  for (const key of keys) {
    const item = (value as Record<string | number, unknown>)[key];
    path.push(key);
    const cleaned = finite(item, path, reporter);
    path.pop();
    if (cleaned === item) continue;
    if (!copy) {
      copy = Array.isArray(value) ? [...value] : {};
      if (!Array.isArray(copy)) for (const k of keys) setKey(copy, k as string, (value as Record<string, unknown>)[k as string]);
    }
    if (Array.isArray(copy)) copy[key as number] = cleaned;
    else setKey(copy, key as string, cleaned);
  }
  return copy ?? value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets a cleaned entry, leaving out what the check dropped (undefined). */
function setKey(out: Record<string, unknown>, key: string, cleaned: unknown): void {
  if (cleaned === undefined) return;
  // `__proto__` is an ordinary key here (assignment would set the prototype); every other key is assigned,
  // which keeps the object in V8's fast mode (defineProperty on every key made every mapping a dictionary).
  if (key === "__proto__") Object.defineProperty(out, key, { value: cleaned, writable: true, enumerable: true, configurable: true });
  else out[key] = cleaned;
}

function wrongType(value: unknown, expected: string, path: Path, reporter: Reporter): undefined {
  const got = value === null ? "nothing" : Array.isArray(value) ? "a list" : typeof value === "object" ? "a mapping" : Reporter.show(value);
  reporter.report("LD102", [...path], `expected ${expected} (got ${got})`);
  return undefined;
}

function inRange(
  value: number,
  min: number | undefined,
  max: number | undefined,
  path: Path,
  reporter: Reporter,
  rule: RuleCode | undefined,
  show: (n: number) => string,
  prefix = "",
): boolean {
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return true;
  const range = min !== undefined && min === max ? show(min) : min !== undefined && max !== undefined ? `${show(min)}..${show(max)}` : min !== undefined ? `at least ${show(min)}` : `at most ${show(max!)}`;
  reporter.report(rule ?? "LD106", [...path], `must be ${prefix}${range} (got ${show(value)})`);
  return false;
}

/** ` (did you mean "timeout"?)` when a known word is close enough to be a typo. */
export function suggest(value: unknown, known: readonly string[]): string {
  if (typeof value !== "string" || known.length === 0) return "";
  const best = closest(value, known as string[]);
  const lower = known.find((k) => k.toLowerCase() === value.toLowerCase());
  if (lower) return ` (did you mean ${JSON.stringify(lower)}?)`;
  return distance(value, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean ${JSON.stringify(best)}?)` : "";
}
