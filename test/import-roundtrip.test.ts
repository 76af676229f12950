import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importShow, type ImportReport } from "../generator";
import { escapesSpec, kitchenSinkSpec, localZipSpec } from "./cdktf-specs";
import { base } from "./support/diff-pairs";
import { examples } from "./support/examples";
import { changesOf, stateFor, TFSTATE_CWD, writeHcl } from "./support/import-proof";
import { EXTRA_SPEC } from "./support/mutate";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { syntheticSpec } = require("../bench/synthetic") as { syntheticSpec: (n: number) => string };
import { describeWithTerraform } from "./support/terraform";
import { applyOffline, planAgainst, type Applied, type Planned } from "./support/tfstate";

/**
 * Issue 20's proof on ldgen's own roots: for every example and every spec of the corpus, generate -> state (an
 * apply made offline) -> show -json -> import -> generate again into the same folder -> plan against the first
 * state: no change at all, the same addresses, and an import that reports no difference (ldgen can express
 * everything it wrote). All roots in one applyOffline and one planAgainst.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-roundtrip-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Case {
  key: string;
  specPath: string;
  text: string;
}

/** Every example, and the specs the parity and diff suites use beyond them (hostile strings, local zips, FIFO...). */
function corpus(): Case[] {
  const file = (key: string, specPath: string): Case => ({ key, specPath, text: fs.readFileSync(specPath, "utf8") });
  const dir = (name: string) => {
    const d = path.join(scratch, "specs", name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const inline = (key: string, text: string): Case => {
    const specPath = path.join(dir(key), "spec.yaml");
    fs.writeFileSync(specPath, text);
    return { key, specPath, text };
  };
  return [
    ...examples().map((e) => ({ key: e.name, specPath: e.specPath, text: e.text })),
    file("kitchen-sink", kitchenSinkSpec(dir("kitchen-sink"))),
    file("escapes", escapesSpec(dir("escapes"))),
    file("local-zip", localZipSpec(dir("local-zip"))),
    inline("extra", EXTRA_SPEC),
    inline("diff-base", JSON.stringify(base(), null, 2)),
    // The import benchmark's block of ten (bench/import.js repeats its state to 1,000 functions).
    inline("synthetic-10", syntheticSpec(10)),
  ];
}

describeWithTerraform("ldgen import of ldgen's own roots", () => {
  const cases = corpus();
  const out = (c: Case) => path.join(scratch, "out", c.key);
  let applied: Applied;
  const reports = new Map<string, ImportReport>();
  const firstAddresses = new Map<string, string[]>();
  let planned: Record<string, Planned> = {};
  let seconds = 0;

  const t0 = Date.now();
  beforeAll(() => {
    const roots = Object.fromEntries(cases.map((c) => [c.key, writeHcl(c.specPath, c.text, out(c))]));
    applied = applyOffline(roots);
    const again: Record<string, string> = {};
    for (const c of cases) {
      firstAddresses.set(c.key, addressesOf(applied, c.key));
      if (c.key === "synthetic-10" && process.env.LDGEN_BENCH_SHOW) fs.writeFileSync(process.env.LDGEN_BENCH_SHOW, JSON.stringify(applied.show(c.key), null, 1) + "\n");
      const specFile = path.join(scratch, "imported", c.key, "spec.yaml");
      const report = importShow(applied.show(c.key), { file: `${c.key}.show.json`, specFile, rootDir: TFSTATE_CWD });
      reports.set(c.key, report);
      if (!report.spec) continue;
      fs.mkdirSync(path.dirname(specFile), { recursive: true });
      fs.writeFileSync(specFile, report.spec);
      // The same folder as the first: a local zip's `filename` is the same text only from the same root.
      try {
        again[c.key] = writeHcl(specFile, report.spec, out(c));
      } catch {
        continue; // the test of this case says why
      }
    }
    const keys = cases.map((c) => c.key);
    if (Object.keys(again).length) planned = planAgainst(again, stateFor(applied.state, keys, Object.keys(again)));
  });

  afterAll(() => {
    seconds = (Date.now() - t0) / 1000;
    // The suite's wall time, for CI's budget (not asserted).
    console.log(`import round trip: ${cases.length} specs, one applyOffline and one planAgainst, ${seconds.toFixed(0)} s`);
  });

  it("holds every spec of the corpus", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const c of cases) {
    it(`${c.key}: imports with no difference, and its spec plans no change against the state at the same addresses`, () => {
      const report = reports.get(c.key)!;
      expect(report.errors).toEqual([]);
      expect(report.spec).toBeDefined();
      // ldgen's own root: everything is ldgen's, already at ldgen's addresses, and expressible.
      expect(report.differences).toEqual([]);
      expect(report.leftOut.filter((r) => !r.address.startsWith("data."))).toEqual([]);
      expect(report.moved).toEqual([]);
      const writeAgain = () => writeHcl(path.join(scratch, "imported", c.key, "check.yaml"), report.spec!, path.join(scratch, "check", c.key));
      expect(writeAgain).not.toThrow();
      const plan = planned[c.key];
      expect(plan).toBeDefined();
      expect(changesOf(plan)).toEqual([]);
      const addresses = plan.changes.filter((x) => x.actions.some((a) => a !== "read")).map((x) => x.address).filter((a) => !a.startsWith("data.")).sort();
      expect(addresses).toEqual(firstAddresses.get(c.key));
    });
  }
});

/** The managed resources' addresses of one root of the state (as the root addresses them). */
function addressesOf(applied: Applied, key: string): string[] {
  const out: string[] = [];
  for (const r of applied.rootState(key).resources) {
    if (r.mode !== "managed") continue;
    const head = `${r.module ? `${r.module}.` : ""}${r.type}.${r.name}`;
    for (const i of r.instances) out.push(i.index_key === undefined ? head : `${head}[${JSON.stringify(i.index_key)}]`);
  }
  return out.sort();
}
