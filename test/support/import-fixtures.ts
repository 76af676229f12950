import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The hand-written Terraform roots of test/fixtures/import/: roots written the way teams write them
 * (terraform-aws-modules/lambda, for_each, shared roles, EventBridge, nested modules, Kafka and MQ, tuned stream
 * mappings, every function setting, IAM written every way, wiring through an alias, other teams' functions, S3 and
 * SNS fan-out, async destinations on aliases, rules and schedules with several targets), each with
 * `expected.json`, what a correct `ldgen import` of its state must report. Derived from the root and the spec's
 * reference (docs/spec.md), never from the importer.
 */
export const FIXTURES = path.join(__dirname, "..", "fixtures", "import");

export interface Expected {
  /** What the root is about, in one line. */
  about: string;
  /** The spec's `name`: the prefix of every AWS name in the root that ldgen takes over. */
  name: string;
  /** Source address -> the address ldgen generates for it: one `moved` block each (nothing else is taken over). */
  moved: Record<string, string>;
  /**
   * What the spec cannot express, resource by resource (source addresses, taken over or not) and attribute by
   * attribute: each attribute must be named in the import's report for that address.
   */
  differences: Record<string, string[]>;
  /** What the spec's root makes that the root did not have (ldgen's addresses): reported, each with no attribute. */
  creates: string[];
  /** Resources ldgen does not own: left out of the spec, and listed. */
  leftOut: string[];
}

export interface Fixture {
  name: string;
  /** The fixture's folder (read only: terraform runs in a copy). */
  dir: string;
  expected: Expected;
}

export function fixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: e.name, dir: path.join(FIXTURES, e.name), expected: JSON.parse(fs.readFileSync(path.join(FIXTURES, e.name, "expected.json"), "utf8")) as Expected }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Copies of the fixture roots in a scratch folder (terraform writes into a root it plans), by fixture name. */
export function copyRoots(list: Fixture[], scratch: string): Record<string, string> {
  const roots: Record<string, string> = {};
  for (const f of list) {
    const dest = path.join(scratch, f.name);
    fs.cpSync(f.dir, dest, { recursive: true, filter: (src) => path.basename(src) !== "expected.json" });
    roots[f.name] = dest;
  }
  return roots;
}
