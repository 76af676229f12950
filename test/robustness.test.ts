import * as fc from "fast-check";
import { parse, stringify } from "yaml";
import { check, generate, RULES } from "../generator";
import { examples } from "./support/examples";

/**
 * Whatever a spec holds, ldgen answers with diagnostics, never an exception: every example is
 * mutated at random paths with random values (and random keys added), and every diagnostic must
 * carry a catalog code and a real position.
 */
type Json = unknown;

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === "object") return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

function setAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

const specs = examples().map((e) => parse(e.text) as Json);
const values = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("sqs", "sns", "s3", "kinesis", "lambda", "arn:aws:sqs:us-east-1:123456789012:q.fifo", "-1", "0", "6h", "${x}", "AT_TIMESTAMP", "process-image"),
  fc.integer({ min: -20000, max: 20000 }),
);

describe("robustness", () => {
  it("never throws on mutated specs, and every diagnostic has a code and a position", () => {
    const mutation = fc.record({
      spec: fc.integer({ min: 0, max: specs.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), values, fc.option(fc.string({ maxLength: 12 }), { nil: undefined })), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(mutation, ({ spec, edits }) => {
        let value = specs[spec];
        for (const [index, replacement, newKey] of edits) {
          const all = paths(value);
          const at = all[index % all.length];
          value = newKey === undefined ? setAt(value, at, replacement) : setAt(value, [...at.slice(0, -1), newKey], replacement);
        }
        const text = stringify(value);
        const result = generate(text, "spec.yaml", "all");
        for (const d of result.diagnostics) {
          expect(RULES[d.code]).toBeDefined();
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
        }
        if (result.diagnostics.some((d) => d.severity === "error")) expect(result.files).toEqual({});
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = check(text, "spec.yaml");
        for (const d of result.diagnostics) expect(RULES[d.code]).toBeDefined();
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
