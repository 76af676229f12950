import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Runs the real terraform CLI, offline, against the local provider mirror: `init`, `validate`,
 * `plan -refresh=false` with fake credentials, and `show -json`. In CI (CI=true) a missing
 * terraform or provider fails the run; elsewhere the suites that need it skip with a loud message.
 */
const MIRRORS = [process.env.LDGEN_TF_MIRROR, "/opt/tf-plugins", path.join(os.homedir(), ".terraform.d", "plugins"), "/usr/share/terraform/plugins"];

export function providerMirror(): string | undefined {
  return MIRRORS.find((dir) => dir && fs.existsSync(path.join(dir, "registry.terraform.io", "hashicorp", "aws")));
}

export function terraformMissing(): string | undefined {
  const version = spawnSync("terraform", ["version"], { encoding: "utf8" });
  if (version.error || version.status !== 0) return "the terraform CLI is not on PATH";
  if (!providerMirror()) return `no hashicorp/aws provider mirror in ${MIRRORS.filter(Boolean).join(", ")} (set LDGEN_TF_MIRROR)`;
  return undefined;
}

/** `describe` when terraform and the provider are here; in CI a failure otherwise, locally a loud skip. */
export function describeWithTerraform(name: string, fn: () => void): void {
  const missing = terraformMissing();
  if (!missing) return describe(name, fn);
  if (process.env.CI) {
    describe(name, () => {
      it("needs terraform and the AWS provider", () => {
        throw new Error(`${missing}: CI must run the terraform tests`);
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPING "${name}": ${missing}. These tests run in CI. ***\n`);
  describe.skip(name, fn);
}

/** Provider settings for an offline plan; merged into the root's provider block as an override file. */
const OVERRIDE = `provider "aws" {
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "fake-secret-key-for-offline-plans"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`;

export interface PlanResult {
  /** `terraform show -json` of the saved plan. */
  json: PlanJson;
  validate: string;
  /**
   * The folder terraform ran in (removed afterwards): relative paths it planned, such as
   * `"${path.module}/../build/fn.zip"`, are relative to it.
   */
  cwd: string;
}

export interface PlannedResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
}

export interface PlanJson {
  planned_values: { root_module: { resources?: PlannedResource[] }; outputs?: Record<string, unknown> };
  resource_changes: { address: string; change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[];
  configuration: { root_module: { resources?: { address: string; expressions: Record<string, unknown> }[] } };
  prior_state?: { values?: { root_module?: { resources?: PlannedResource[] } } };
}

/** A private CLI config: the provider from the filesystem mirror (linked, not copied), nothing from the network. */
function cliConfig(home: string): NodeJS.ProcessEnv {
  const rc = path.join(home, ".terraformrc");
  fs.writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(providerMirror())}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`);
  return { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: "1", AWS_REGION: process.env.AWS_REGION ?? "us-east-1", CHECKPOINT_DISABLE: "1" };
}

function terraform(root: string, env: NodeJS.ProcessEnv, args: string[]): string {
  const result = spawnSync("terraform", args, { cwd: root, env, encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} failed in ${root}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Runs init, validate and plan in a Terraform root (HCL or cdk.tf.json) that the test owns (a scratch
 * folder: terraform writes `.terraform/` and a plan there, and local code paths stay valid because
 * nothing is moved). Adds the offline provider override first. Throws with terraform's output when a
 * step fails. To plan several roots, `planRoots` is several times faster.
 */
export function plan(root: string, files: Record<string, string> = {}): PlanResult {
  return planRoots({ root }, files).root;
}

/**
 * Plans many roots at once: each becomes a child module of one scratch root (with its own provider
 * block and the offline override), so terraform starts, loads the provider schema and plans once for
 * all of them, walking their resources in parallel. Each result is that module's part of the plan,
 * with addresses as if it were the root (`aws_sqs_queue.jobs`; outputs by name, values unknown).
 */
export function planRoots(roots: Record<string, string>, files: Record<string, string> = {}): Record<string, PlanResult> {
  const keys = Object.keys(roots);
  const names = new Map(keys.map((key, i) => [key, `r${i}_${key.replace(/[^A-Za-z0-9_]/g, "_")}`]));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-tfroot-"));
  try {
    const env = cliConfig(scratch);
    const calls: string[] = [];
    for (const key of keys) {
      const root = roots[key];
      fs.writeFileSync(path.join(root, "ldgen_test_override.tf"), OVERRIDE);
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
      calls.push(`module "${names.get(key)}" {\n  source = ${relativeSource(scratch, root)}\n}\n`);
    }
    fs.writeFileSync(path.join(scratch, "main.tf"), calls.join("\n"));
    terraform(scratch, env, ["init", "-input=false", "-no-color", "-backend=false"]);
    const validate = terraform(scratch, env, ["validate", "-no-color"]);
    terraform(scratch, env, ["plan", "-refresh=false", "-input=false", "-no-color", "-lock=false", "-parallelism=20", "-out=ldgen-test.plan"]);
    const whole = JSON.parse(terraform(scratch, env, ["show", "-json", "ldgen-test.plan"])) as WholePlan;
    return Object.fromEntries(keys.map((key) => [key, { json: moduleView(whole, names.get(key)!), validate, cwd: scratch }]));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A module source Terraform accepts: a relative path that starts with `./` or `../`, as an HCL string. */
function relativeSource(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join("/");
  return JSON.stringify(rel.startsWith("../") ? rel : `./${rel}`).replace(/([$%])\{/g, "$1$1{");
}

interface PlannedModule {
  address: string;
  resources?: PlannedResource[];
  child_modules?: PlannedModule[];
}

/** A module's resources and those of the modules it calls (a root that instantiates modules itself). */
const allResources = (m: PlannedModule | undefined): PlannedResource[] => [...(m?.resources ?? []), ...(m?.child_modules ?? []).flatMap(allResources)];

interface WholePlan {
  planned_values: { root_module: { child_modules?: PlannedModule[] } };
  resource_changes?: { address: string; module_address?: string; change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[];
  configuration: { root_module: { module_calls?: Record<string, { module: { resources?: { address: string; expressions: Record<string, unknown> }[]; outputs?: Record<string, unknown> } }> } };
}

/** One child module's part of a whole plan, addressed as a root. */
function moduleView(whole: WholePlan, name: string): PlanJson {
  const prefix = `module.${name}.`;
  const strip = (address: string) => address.slice(prefix.length);
  const module = whole.planned_values.root_module.child_modules?.find((m) => m.address === `module.${name}`);
  const config = whole.configuration.root_module.module_calls?.[name]?.module;
  return {
    planned_values: {
      root_module: { resources: allResources(module).map((r) => ({ ...r, address: strip(r.address) })) },
      outputs: Object.fromEntries(Object.keys(config?.outputs ?? {}).map((o) => [o, {}])),
    },
    resource_changes: (whole.resource_changes ?? []).filter((c) => c.module_address === `module.${name}`).map((c) => ({ ...c, address: strip(c.address) })),
    configuration: { root_module: { resources: config?.resources ?? [] } },
  };
}

/** `terraform fmt -check` on a folder; returns the files it would change. */
export function fmtCheck(dir: string): string {
  const result = spawnSync("terraform", ["fmt", "-check", "-list=true", dir], { encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } });
  return result.status === 0 ? "" : result.stdout + result.stderr;
}

/** Planned resources by address. */
export function resources(json: PlanJson): Map<string, PlannedResource> {
  return new Map((json.planned_values.root_module.resources ?? []).map((r) => [r.address, r]));
}

/** Configuration expressions by address: which resource a value references when it is unknown until apply. */
export function references(json: PlanJson, address: string, attribute: string): string[] {
  const resource = json.configuration.root_module.resources?.find((r) => r.address === address);
  const walk = (expr: unknown): string[] => {
    if (!expr || typeof expr !== "object") return [];
    const e = expr as Record<string, unknown>;
    if (Array.isArray(e.references)) return e.references as string[];
    return Object.values(e).flatMap((v) => (Array.isArray(v) ? v.flatMap(walk) : walk(v)));
  };
  return walk(resource?.expressions[attribute]);
}

export function terraformVersion(): string {
  return execFileSync("terraform", ["version"], { encoding: "utf8" }).split("\n")[0];
}
