import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generate } from "../generator";
import { kitchenSinkSpec } from "./cdktf-specs";
import { examples } from "./support/examples";
import { describeWithTerraform } from "./support/terraform";
import { applyOffline, planAgainst } from "./support/tfstate";

/**
 * test/support/tfstate.ts makes the state an apply would leave, offline; the diff and import suites judge
 * against it. Here it is held to its promise: the roots plan no change against the state made from them.
 */
const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function hclRoot(specPath: string, text: string): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-tfstate-test-"));
  scratch.push(out);
  const result = generate(text, specPath, "hcl", { outDir: out, exists: fs.existsSync });
  for (const [name, content] of Object.entries(result.files)) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), content);
  }
  return path.join(out, "hcl");
}

describeWithTerraform("a state made offline from a plan", () => {
  it("holds every resource with its computed values, and the roots plan no change against it", () => {
    const alarms = examples().find((e) => e.name === "image-pipeline-alarms")!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-ks-"));
    scratch.push(dir);
    const kitchen = kitchenSinkSpec(dir);
    const roots = { alarms: hclRoot(alarms.specPath, alarms.text), "kitchen sink": hclRoot(kitchen, fs.readFileSync(kitchen, "utf8")) };
    const applied = applyOffline(roots);
    const again = planAgainst(roots, applied.state);
    for (const [key, p] of Object.entries(again)) {
      expect(p.changes.length).toBeGreaterThan(10);
      expect({ key, changed: p.changes.filter((c) => !c.actions.every((a) => a === "no-op" || a === "read")) }).toEqual({ key, changed: [] });
    }
    // What `ldgen import` reads: the root's resources at root addresses, with AWS's computed values.
    const shown = applied.show("kitchen sink").values!.root_module.resources!;
    const queue = shown.find((r) => r.address === "aws_sqs_queue.results")!;
    expect(queue.values).toMatchObject({ name: "kitchen-sink-results", arn: "arn:aws:sqs:eu-west-1:123456789012:kitchen-sink-results", url: "https://sqs.eu-west-1.amazonaws.com/123456789012/kitchen-sink-results" });
    // A value that referred to another resource is that resource's value, not a stand-in.
    const config = shown.find((r) => r.type === "aws_lambda_function_event_invoke_config")!;
    const destinations = JSON.stringify(config.values.destination_config);
    expect(destinations).toMatch(/arn:aws:(sqs|sns|events|lambda|s3):/);
    expect(destinations).not.toContain("fake");
    expect(applied.rootState("alarms").resources.every((r) => r.module === undefined && r.provider.startsWith("provider["))).toBe(true);
  });
});
