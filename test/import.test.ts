import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { check, importShow, type ImportReport } from "../generator";
import { importBlocks, IMPORT_IDS, movedBlocks } from "../generator/import";
import { importId } from "../generator/import/ids";
import { ROOT } from "./support/examples";

/**
 * `ldgen import`: the importer's kinds on small hand-made `terraform show -json`, its report, and the CLI. (The
 * states Terraform leaves, of every example and of hand-written roots: test/import-terraform.test.ts.)
 */

const AWS = "registry.terraform.io/hashicorp/aws";
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

type Values = Record<string, unknown>;
interface Res {
  address: string;
  type: string;
  values: Values;
}

/** A resource of show JSON at `address` (`module.m.aws_x.y["k"]`). */
function res(address: string, values: Values): Res {
  return { address, type: address.replace(/^(module\.[^.]+\.)*/, "").split(".")[0], values };
}

/** show JSON of a state holding `resources`, each in the module its address names. */
function show(resources: Res[]): object {
  const modules = new Map<string, { address?: string; resources: object[]; child_modules: object[] }>();
  const root = { resources: [] as object[], child_modules: [] as object[] };
  const moduleOf = (address: string) => {
    const m = /^((?:module\.[^.]+\.)*)/.exec(address)![1].replace(/\.$/, "");
    if (!m) return root;
    let mod = modules.get(m);
    if (!mod) {
      mod = { address: m, resources: [], child_modules: [] };
      modules.set(m, mod);
      root.child_modules.push(mod);
    }
    return mod;
  };
  for (const r of resources) {
    const tail = r.address.replace(/^(module\.[^.]+\.)*/, "");
    const [, type, name, index] = /^([^.]+)\.([^[]+)(?:\[(.+)\])?$/.exec(tail)!;
    moduleOf(r.address).resources.push({ address: r.address, mode: "managed", type, name, ...(index && { index: JSON.parse(index) }), provider_name: AWS, schema_version: 0, values: r.values });
  }
  return { format_version: "1.0", terraform_version: "1.11.4", values: { root_module: root } };
}

const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;
const fnValues = (name: string, extra: Values = {}): Values => ({
  function_name: name,
  arn: arn("lambda", `function:${name}`),
  role: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  filename: `build/${name}.zip`,
  runtime: "nodejs22.x",
  handler: "index.handler",
  memory_size: 128,
  timeout: 3,
  package_type: "Zip",
  reserved_concurrent_executions: -1,
  architectures: ["x86_64"],
  ...extra,
});

/** The import of `resources`, as of a state that ldgen's root in out/hcl (beside spec.yaml) wrote: its local paths are relative to that folder. */
function imported(resources: Res[], options: Parameters<typeof importShow>[1] = {}): ImportReport {
  return importShow(show(resources), { file: "state.json", rootDir: "out/hcl", specFile: "spec.yaml", ...options });
}

describe("importShow: input", () => {
  it.each<[string, unknown, RegExp]>([
    ["unparseable JSON", "{ not json", /state\.json: not JSON/],
    ["empty input", "  ", /empty input/],
    ["a JSON list", "[]", /not terraform show -json output/],
    ["JSON of something else", { hello: "world" }, /no values\.root_module or planned_values\.root_module/],
    ["a raw state file", { version: 4, resources: [] }, /a Terraform state file \(version 4\), not terraform show -json/],
    ["a resource without an address", { values: { root_module: { resources: [{ type: "aws_x" }] } } }, /has no address, type or name/],
    ["another provider only", { values: { root_module: { resources: [{ address: "google_x.y", mode: "managed", type: "google_x", name: "y", provider_name: "registry.terraform.io/hashicorp/google", values: {} }] } } }, /no AWS resources \(it holds 1 of registry\.terraform\.io\/hashicorp\/google\)/],
    ["no function", show([res("aws_sqs_queue.q", { name: "q", arn: arn("sqs", "q") })]), /no aws_lambda_function/],
  ])("%s: an error, no spec", (_, input, message) => {
    const report = importShow(input, { file: "state.json" });
    expect(report.errors.map((e) => e.message).join("\n")).toMatch(message);
    expect(report.spec).toBeUndefined();
  });

  // (the spec had no functions: "the imported spec does not validate (an importer's fault; please report it)")
  it("wiring of no function the spec can name: an error saying why", () => {
    const report = imported([res("aws_lambda_event_source_mapping.fraud", { function_name: "fraud-scorer", event_source_arn: "", uuid: "u-1" })]);
    expect(report.spec).toBeUndefined();
    expect(report.errors).toEqual([{ message: 'state.json: no function the spec can name (aws_lambda_event_source_mapping.fraud: its function "fraud-scorer" is not in the input and is not an ARN: the spec cannot name it); ldgen import starts from the functions' }]);
  });

  it("two resources at one address: an error naming it", () => {
    const fn = res("aws_lambda_function.a", fnValues("app-a"));
    const report = imported([fn, fn]);
    expect(report.errors).toEqual([{ address: "aws_lambda_function.a", message: "aws_lambda_function.a appears twice in the input" }]);
  });

  it("two functions that become one spec entry: an error naming both", () => {
    const report = imported([res("aws_lambda_function.a", fnValues("app-a")), res("module.m.aws_lambda_function.a", fnValues("app-a"))]);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].address).toBe("module.m.aws_lambda_function.a");
    expect(report.errors[0].message).toMatch(/module\.m\.aws_lambda_function\.a and aws_lambda_function\.a both become the spec entry "a" \(AWS names "app-a" and "app-a"\)/);
  });
});

const ROLE = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const ASSUME = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "LambdaAssumeRole", Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }] });
const logGroupArn = (fn: string) => arn("logs", `log-group:/aws/lambda/${fn}`);
const WRITE_LOGS = (fn: string) => ({ Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn(fn)}:*` });
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/**
 * A created function as ldgen writes it, at `label`, named `<spec>-<key>`: function, role, inline policy, log
 * group. Importing it gives no difference; each test changes one thing.
 */
function created(label: string, awsName: string, change: { fn?: Values; role?: Values; policy?: object[]; logGroup?: Values | null } = {}): Res[] {
  const out = [
    res(`aws_lambda_function.${label}`, fnValues(awsName, { tags: { team: "a" }, ...change.fn })),
    res(`aws_iam_role.${label}`, { name: awsName, arn: ROLE(awsName), assume_role_policy: ASSUME, path: "/", max_session_duration: 3600, tags: { team: "a" }, ...change.role }),
    res(`aws_iam_role_policy.${label}`, { name: awsName, role: awsName, policy: policy(...(change.policy ?? [WRITE_LOGS(awsName)])) }),
  ];
  if (change.logGroup !== null) out.push(res(`aws_cloudwatch_log_group.${label}`, { name: `/aws/lambda/${awsName}`, arn: logGroupArn(awsName), retention_in_days: 30, tags: { team: "a" }, ...change.logGroup }));
  return out;
}

const queue = (label: string, name: string, extra: Values = {}) => res(`aws_sqs_queue.${label}`, { name, arn: arn("sqs", name), url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`, id: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`, visibility_timeout_seconds: 30, message_retention_seconds: 345600, sqs_managed_sse_enabled: true, fifo_queue: false, tags: { team: "a" }, ...extra });
const topic = (label: string, name: string, extra: Values = {}) => res(`aws_sns_topic.${label}`, { name, arn: arn("sns", name), id: arn("sns", name), fifo_topic: false, tags: { team: "a" }, ...extra });
const invokeConfig = (label: string, fn: string, destinations: { onSuccess?: string; onFailure?: string }, extra: Values = {}) =>
  res(`aws_lambda_function_event_invoke_config.${label}`, {
    function_name: fn,
    id: fn,
    maximum_retry_attempts: 2,
    maximum_event_age_in_seconds: 21600,
    qualifier: "",
    destination_config: [{ on_success: destinations.onSuccess ? [{ destination: destinations.onSuccess }] : [], on_failure: destinations.onFailure ? [{ destination: destinations.onFailure }] : [] }],
    ...extra,
  });

const specOf = (report: ImportReport) => {
  expect(report.errors).toEqual([]);
  const spec = YAML.parse(report.spec!) as Record<string, Record<string, Record<string, unknown>>>;
  expect(check(report.spec!, "spec.yaml").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return spec;
};
const differences = (report: ImportReport) => report.differences.map((d) => `${d.address} ${d.attribute}: ${d.message}`);

describe("importShow: functions", () => {
  it("a function as ldgen writes it imports without a difference", () => {
    const report = imported(created("resize", "shop-resize"));
    const spec = specOf(report);
    expect(spec).toMatchObject({ version: 1, name: "shop", region: REGION, tags: { team: "a" }, functions: { resize: { code: "out/hcl/build/shop-resize.zip", runtime: "nodejs22.x", handler: "index.handler" } } });
    expect(report.differences).toEqual([]);
    expect(report.leftOut).toEqual([]);
    expect(report.spec).toMatch(/ {2}# aws_lambda_function\.resize\n {2}# aws_cloudwatch_log_group\.resize\n {2}# aws_iam_role\.resize\n {2}# aws_iam_role_policy\.resize\n {2}resize:/);
  });

  it.each<[string, Values, Record<string, unknown>]>([
    ["sizes", { memory_size: 1024, timeout: 900 }, { memory: 1024, timeout: "15m" }],
    ["arm64", { architectures: ["arm64"] }, { architecture: "arm64" }],
    ["environment", { environment: [{ variables: { MODE: "fast", LEVEL: "0755" } }] }, { environment: { MODE: "fast", LEVEL: "0755" } }],
    ["description, reserved concurrency, layers", { description: "resizes", reserved_concurrent_executions: 5, layers: [arn("lambda", "layer:sharp:3")] }, { description: "resizes", reservedConcurrency: 5, layers: [arn("lambda", "layer:sharp:3")] }],
    ["code in S3", { filename: null, s3_bucket: "artifacts", s3_key: "resize.zip" }, { code: "s3://artifacts/resize.zip" }],
    ["an image", { filename: null, package_type: "Image", image_uri: "123.dkr.ecr.us-east-1.amazonaws.com/resize:1", runtime: "", handler: "" }, { code: { image: "123.dkr.ecr.us-east-1.amazonaws.com/resize:1" } }],
  ])("%s: read into the spec, no difference", (_, fn, want) => {
    const report = imported(created("resize", "shop-resize", { fn }));
    expect(specOf(report).functions.resize).toMatchObject(want);
    expect(differences(report)).toEqual([]);
  });

  it.each<[string, { fn?: Values; role?: Values; logGroup?: Values | null }, string[]]>([
    ["a KMS key on the environment", { fn: { kms_key_arn: arn("kms", "key/1") } }, [`aws_lambda_function.resize kms_key_arn: the state sets "${arn("kms", "key/1")}"; the spec sets nothing there, so ldgen leaves it to AWS's default`]],
    // (Optional and Computed: Terraform keeps what the function has, and the generated root no longer says it)
    ["more ephemeral storage", { fn: { ephemeral_storage: [{ size: 2048 }] } }, ["aws_lambda_function.resize ephemeral_storage.0.size: the state sets 2048; the spec cannot set it, and Terraform keeps the state's value (the provider computes ephemeral_storage when the configuration leaves it unset): the generated root no longer manages it (AWS's default is 512)"]],
    ["JSON logs", { fn: { logging_config: [{ log_format: "JSON", log_group: "/aws/lambda/shop-resize", application_log_level: "INFO", system_log_level: "" }] } }, [
      "aws_lambda_function.resize logging_config.0.log_format: the state sets \"JSON\"; the spec cannot set it, and Terraform keeps the state's value (the provider computes logging_config when the configuration leaves it unset): the generated root no longer manages it (AWS's default is \"Text\")",
      "aws_lambda_function.resize logging_config.0.application_log_level: the state sets \"INFO\"; the spec cannot set it, and Terraform keeps the state's value (the provider computes logging_config when the configuration leaves it unset): the generated root no longer manages it",
    ]],
    ["the default ephemeral storage", { fn: { ephemeral_storage: [{ size: 512 }], logging_config: [{ log_format: "Text", log_group: "/aws/lambda/shop-resize", application_log_level: "", system_log_level: "" }] } }, []],
    ["a log group's KMS key", { logGroup: { kms_key_id: arn("kms", "key/2") } }, [`aws_cloudwatch_log_group.resize kms_key_id: the state sets "${arn("kms", "key/2")}"; the spec sets nothing there, so ldgen leaves it to AWS's default`]],
    // (the policy names the log group's ARN, which Terraform knows only once it is made: an update in the plan)
    ["no log group", { logGroup: null }, ["aws_cloudwatch_log_group.resize : the input has no resource ldgen maps here: ldgen creates it (if it exists in AWS already, import it)", `aws_iam_role_policy.resize policy: ldgen's value is made from aws_cloudwatch_log_group.resize, which ldgen creates: it is known only after apply, and Terraform plans an update of what the state has (${JSON.stringify(policy(WRITE_LOGS("shop-resize")))})`]],
    ["a log group's tags", { logGroup: { tags: { team: "b" } } }, ['aws_cloudwatch_log_group.resize tags.team: ldgen writes "a"; the state has "b"']],
  ])("%s: the differences", (_, change, want) => {
    expect(differences(imported(created("resize", "shop-resize", change)))).toEqual(want);
  });

  // A value the state holds that ldgen's rules refuse: the spec leaves it out (it still validates) and the report
  // says so at the resource it came from, with the rule's code. What is left of the function is imported.
  it.each<[string, Values, string, Record<string, unknown>]>([
    ["a reserved environment variable", { environment: [{ variables: { MODE: "fast", AWS_REGION: "eu-west-1" } }] }, "functions.resize.environment.AWS_REGION", { environment: { MODE: "fast" } }],
    ["a timeout over Lambda's limit", { timeout: 901 }, "functions.resize.timeout", {}],
  ])("%s: left out of the spec, and a difference naming the rule", (_, fn, specPath, kept) => {
    const report = imported(created("resize", "shop-resize", { fn }));
    const spec = specOf(report);
    const refused = report.differences.filter((d) => d.attribute === `(spec) ${specPath}`);
    expect(refused).toEqual([{ address: "aws_lambda_function.resize", attribute: `(spec) ${specPath}`, message: expect.stringMatching(/^ldgen's rules refuse what the state holds \(LD\d+: .+\): the spec leaves it out$/) }]);
    expect(spec.functions.resize).toMatchObject({ code: "out/hcl/build/shop-resize.zip", handler: "index.handler", ...kept });
    const [, , ...rest] = specPath.split(".");
    expect((spec.functions.resize as Record<string, unknown>)[rest[0]]).toEqual(kept[rest[0]]);
  });

  it("a refused value the spec cannot do without (a runtime ldgen does not know): an error naming the resource and the value, no spec", () => {
    const report = imported(created("resize", "shop-resize", { fn: { runtime: "nodejs26.x" } }));
    expect(report.spec).toBeUndefined();
    expect(report.errors).toEqual([{ address: "aws_lambda_function.resize", message: expect.stringMatching(/^aws_lambda_function\.resize: the state holds functions\.resize\.runtime = "nodejs26\.x", which ldgen's rules refuse \(LD110: .+\), and the spec cannot leave it out/) }]);
  });

  it("a local zip's path as another root wrote it: a difference (Terraform compares the path's text)", () => {
    // The same file, from the root the state came from: ldgen writes it from out/hcl.
    const report = imported(created("resize", "shop-resize"), { rootDir: "." });
    expect(specOf(report).functions.resize.code).toBe("build/shop-resize.zip");
    expect(differences(report)).toEqual(['aws_lambda_function.resize filename: ldgen writes "${path.module}/../../build/shop-resize.zip" (the file from the generated root\'s folder); the state has "build/shop-resize.zip": Terraform plans an update of the path (the code is the same file)']);
  });

  it("a role policy that is not a policy document: a difference, and ldgen's own policy", () => {
    const resources = created("resize", "shop-resize");
    resources[2].values.policy = "{ not json";
    expect(differences(imported(resources))).toEqual([
      "aws_iam_role_policy.resize policy: the policy is not a JSON policy document: ldgen cannot read its statements, and writes its own",
    ]);
  });

  it("retention, a permissions boundary and a managed policy", () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
    const managed = `arn:aws:iam::${ACCOUNT}:policy/reader`;
    const resources = [
      ...created("resize", "shop-resize", { logGroup: { retention_in_days: 7 }, role: { permissions_boundary: boundary } }),
      res("aws_iam_role_policy_attachment.reader", { role: "shop-resize", policy_arn: managed, id: "shop-resize-2024" }),
    ];
    const report = imported(resources);
    expect(specOf(report).functions.resize).toMatchObject({ logRetention: 7, permissionsBoundary: boundary, managedPolicies: [managed] });
    expect(report.moved).toEqual([{ from: "aws_iam_role_policy_attachment.reader", to: "aws_iam_role_policy_attachment.resize_reader" }]);
    expect(report.imports).toContainEqual({ to: "aws_iam_role_policy_attachment.resize_reader", id: `shop-resize/${managed}` });
    expect(differences(report)).toEqual([]);
  });

  it("the role's own statements become policies; what policies cannot say is a difference", () => {
    const read = { Sid: "ReadImages", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::images/*" };
    const denied = { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" };
    const conditioned = { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } };
    const report = imported(created("resize", "shop-resize", { policy: [WRITE_LOGS("shop-resize"), read, denied, conditioned] }));
    expect(specOf(report).functions.resize.policies).toEqual([{ sid: "ReadImages", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::images/*"] }]);
    // One difference per statement the spec cannot hold (ldgen's policy lacks it), by Sid or position.
    expect(differences(report)).toEqual([
      expect.stringMatching(/^aws_iam_role_policy\.resize policy\.NoDelete: statement "NoDelete" is Deny; the spec's policies take Allow statements of actions on resources: ldgen leaves it out \(\{"Sid":"NoDelete"/),
      expect.stringMatching(/^aws_iam_role_policy\.resize policy\.3: statement 4 has Condition; /),
    ]);
  });

  // (the policy names the log group's ARN: a log group ldgen creates is known only after apply, and the split of
  // the state's statements into ldgen's and the function's own went without it: they were dropped, unreported)
  it("the role's own statements become policies when ldgen creates the log group too", () => {
    const read = { Sid: "ReadImages", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::images/*" };
    const denied = { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" };
    const report = imported(created("resize", "shop-resize", { logGroup: null, policy: [WRITE_LOGS("shop-resize"), read, denied] }));
    expect(specOf(report).functions.resize.policies).toEqual([{ sid: "ReadImages", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::images/*"] }]);
    expect(differences(report)).toContainEqual(expect.stringMatching(/^aws_iam_role_policy\.resize policy\.NoDelete: statement "NoDelete" is Deny; /));
  });

  // (a statement without a Sid that ldgen writes anyway, as teams write them with jsonencode, was copied into the
  // spec's policies: the function's policy held it twice)
  it("a statement without a Sid that is one of ldgen's: not copied into policies, and the Sid is the difference", () => {
    const logs = { ...WRITE_LOGS("shop-resize"), Sid: undefined };
    const report = imported(created("resize", "shop-resize", { policy: [logs] }));
    expect(specOf(report).functions.resize.policies).toBeUndefined();
    expect(differences(report)).toEqual(['aws_iam_role_policy.resize policy.WriteLogs: the same statement under another Sid: ldgen writes "WriteLogs"; the state has ""']);
  });

  it("a role's inline_policy blocks: their statements become policies, and the block that stays on the role is a difference", () => {
    const inline = { name: "read-images", policy: policy({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::images/*" }) };
    const report = imported(created("resize", "shop-resize", { role: { inline_policy: [inline, { name: "shop-resize", policy: policy(WRITE_LOGS("shop-resize")) }] } }));
    expect(specOf(report).functions.resize.policies).toEqual([{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::images/*"] }]);
    // (one difference for the block, not one per leaf that says ldgen removes it: Terraform leaves it on the role)
    expect(differences(report)).toEqual([
      'aws_iam_role.resize inline_policy.read-images: the role holds the inline policy "read-images" (an inline_policy block, not an aws_iam_role_policy): its statements are in functions.resize.policies, in ldgen\'s aws_iam_role_policy.resize; Terraform leaves the block\'s policy on the role (inline_policy is computed when unset): delete it (aws iam delete-role-policy) once ldgen\'s is applied',
      // (ldgen's own policy, which the state holds, takes the statement)
      expect.stringMatching(/^aws_iam_role_policy\.resize policy\.Policy1: ldgen adds the statement \{"Sid":"Policy1","Effect":"Allow","Action":\["s3:GetObject"\]/),
    ]);
  });

  it("a shared role's policy: its statements go to every function of the role, and its reason names them all", () => {
    const shared = ROLE("shop-exec");
    const write = { Sid: "WriteTable", Effect: "Allow", Action: "dynamodb:PutItem", Resource: arn("dynamodb", "table/orders") };
    const resources = [
      res("aws_lambda_function.a", fnValues("shop-a", { role: shared })),
      res("aws_lambda_function.b", fnValues("shop-b", { role: shared })),
      res("aws_iam_role.exec", { name: "shop-exec", arn: shared, assume_role_policy: ASSUME }),
      res("aws_iam_role_policy.exec", { name: "shop-exec", role: "shop-exec", policy: policy(write) }),
    ];
    const report = imported(resources);
    const spec = specOf(report);
    for (const key of ["a", "b"]) expect(spec.functions[key].policies).toEqual([{ sid: "WriteTable", actions: ["dynamodb:PutItem"], resources: [arn("dynamodb", "table/orders")] }]);
    expect(report.leftOut).toContainEqual({
      address: "aws_iam_role_policy.exec",
      reason: 'ldgen names the role\'s inline policy "shop-a" and "shop-b", not "shop-exec" (a new name replaces the policy): ldgen writes its own, with these statements in functions.a.policies (in aws_iam_role_policy.a) and functions.b.policies (in aws_iam_role_policy.b); once that is applied, this one can go',
    });
  });

  it("an alias of a published function that the plan updates: its function_version is a difference (Terraform publishes a new version)", () => {
    const alias = res("aws_lambda_alias.live", { name: "live", function_name: "shop-resize", function_version: "3", arn: arn("lambda", "function:shop-resize:live") });
    const report = imported([...created("resize", "shop-resize", { fn: { publish: true, version: "3", snap_start: [{ apply_on: "PublishedVersions" }] } }), alias]);
    expect(differences(report)).toContainEqual(expect.stringMatching(/^aws_lambda_alias\.live function_version: ldgen's value is aws_lambda_function\.resize\.version, which the provider makes anew when it updates that resource/));
    // (nothing to update, nothing published: the alias stays)
    expect(differences(imported([...created("resize", "shop-resize", { fn: { publish: true, version: "3" } }), alias]))).toEqual([]);
  });

  // (left out as "ldgen does not generate it", their next apply in the old root removed ldgen's policy and attachments)
  it("a role's exclusive policies and attachments: left out, saying what their root's next apply removes of ldgen's", () => {
    const sqs = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole";
    const resources = [
      ...created("resize", "shop-resize", { policy: [WRITE_LOGS("shop-resize")] }),
      res("aws_iam_role_policy_attachment.sqs", { role: "shop-resize", policy_arn: sqs }),
      res("aws_iam_role_policies_exclusive.resize", { role_name: "shop-resize", policy_names: ["legacy"] }),
      res("aws_iam_role_policy_attachments_exclusive.resize", { role_name: "shop-resize", policy_arns: [sqs] }),
    ];
    const reasons = Object.fromEntries(imported(resources).leftOut.map((l) => [l.address, l.reason]));
    expect(reasons).toEqual({
      "aws_iam_role_policies_exclusive.resize": 'it holds the inline policies of shop-resize, the role of functions.resize, to exactly its list: its root\'s next apply deletes ldgen\'s "shop-resize" (aws_iam_role_policy.resize); add it to policy_names, or remove this resource, before ldgen\'s root is applied',
      "aws_iam_role_policy_attachments_exclusive.resize": "it holds the managed policies attached to shop-resize, the role of functions.resize, to exactly its list, which names what ldgen attaches: keep it in its root",
    });
  });

  it("a role two functions share: each names it as its existing role, and the role is left out", () => {
    const shared = ROLE("shop-exec");
    const resources = [
      res("aws_lambda_function.a", fnValues("shop-a", { role: shared })),
      res("aws_lambda_function.b", fnValues("shop-b", { role: shared })),
      res("aws_iam_role.exec", { name: "shop-exec", arn: shared, assume_role_policy: ASSUME }),
    ];
    const report = imported(resources);
    const spec = specOf(report);
    expect(spec.functions.a.role).toBe(shared);
    expect(spec.functions.b.role).toBe(shared);
    expect(report.leftOut).toEqual([{ address: "aws_iam_role.exec", reason: "the role of 2 functions (a, b): ldgen makes one role per function, so the spec names it as each one's existing role; keep it in its root" }]);
  });

  // (it was a rename in the report, "the spec has no key for an AWS name": the spec's awsName is that key, and a
  // rename replaces the function, its role, its policy and its log group)
  it("a name that does not fit <name>-<key>: a key made from it, and the name kept with awsName", () => {
    const report = imported([...created("resize", "shop-resize"), ...created("legacy", "LegacyThumbnailer")], { name: "shop" });
    const spec = specOf(report);
    expect(Object.keys(spec.functions)).toEqual(["legacy-thumbnailer", "resize"]);
    expect(spec.functions["legacy-thumbnailer"].awsName).toBe("LegacyThumbnailer");
    expect(spec.functions.resize.awsName).toBeUndefined();
    expect(differences(report)).toEqual([]);
    expect(report.moved).toContainEqual({ from: "aws_lambda_function.legacy", to: "aws_lambda_function.legacy_thumbnailer" });
    expect(report.moved).toContainEqual({ from: "aws_iam_role.legacy", to: "aws_iam_role.legacy_thumbnailer" });
  });

  // (ldgen names the role as the function, at "/": taking over another name or path replaced the role, and every
  // policy and attachment on it, and updated the function in between)
  it.each<[string, Values]>([
    ["a role named otherwise", { name: "shop-resize-role", arn: ROLE("shop-resize-role") }],
    ["a role with a path", { path: "/service-role/", arn: `arn:aws:iam::${ACCOUNT}:role/service-role/shop-resize` }],
  ])("%s: the function's existing role, left out; its policy and attachments are ldgen's", (_, role) => {
    const resources = created("resize", "shop-resize", { role, fn: { role: role.arn } });
    const roleName = String(role.name ?? "shop-resize");
    resources[2].values.role = roleName;
    resources.push(res("aws_iam_role_policy_attachment.sqs", { role: roleName, policy_arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole" }));
    const report = imported(resources);
    expect(specOf(report).functions.resize).toMatchObject({ role: role.arn, managedPolicies: ["arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"] });
    expect(report.leftOut).toEqual([{ address: "aws_iam_role.resize", reason: expect.stringMatching(/^ldgen would name the role of functions\.resize "shop-resize" at the path "\/", not "[a-z-]+"( at "\/service-role\/")? \(a new name or path replaces the role\): the spec names it as the function's existing role; keep it in its root$/) }]);
    expect(report.moved).toContainEqual({ from: "aws_iam_role_policy_attachment.sqs", to: "aws_iam_role_policy_attachment.resize_AWSLambdaSQSQueueExecutionRole" });
    expect(report.imports.map((i) => i.to)).toContain("aws_iam_role_policy.resize");
    expect(differences(report)).toEqual([]);
  });

  it("an alias is the function's qualifier", () => {
    const alias = res("aws_lambda_alias.live", { name: "live", function_name: "shop-resize", function_version: "3", arn: arn("lambda", "function:shop-resize:live") });
    const report = imported([...created("resize", "shop-resize", { fn: { publish: true, version: "3" } }), alias]);
    expect(specOf(report).functions.resize.qualifier).toBe("live");
    expect(report.imports).toContainEqual({ to: "aws_lambda_alias.resize", id: "shop-resize/live" });
  });

  it("the spec name: --name, else the functions' labels, else their common prefix", () => {
    expect(specOf(imported(created("resize", "media-shop-resize"))).name).toBe("media-shop");
    expect(specOf(imported([...created("this", "acme-img-resize"), ...created("other", "acme-img-crop")])).name).toBe("acme-img");
    // A for_each key or a module's name says it as a label does.
    expect(specOf(imported([res('aws_lambda_function.fn["resize"]', fnValues("acme-img-resize"))])).name).toBe("acme-img");
    expect(specOf(imported([res("module.thumbnail-maker.aws_lambda_function.this[0]", fnValues("acme-img-thumbnail-maker"))])).name).toBe("acme-img");
    // (without a vote, a single name's first word)
    expect(specOf(imported([res("aws_lambda_function.this", fnValues("acme-img-thumbnail-maker"))])).name).toBe("acme");
    expect(specOf(imported(created("resize", "media-shop-resize"), { name: "media" })).functions["shop-resize"]).toBeDefined();
    expect(imported([res("aws_lambda_function.a", fnValues("app-a"))], { name: "Bad_Name" }).errors[0].message).toMatch(/--name "Bad_Name": a spec name is/);
  });
});

describe("importShow: async invoke configs and destinations", () => {
  it("a config's destinations become entries: a queue, a topic with its subscription, a bus, a bucket", () => {
    const bus = res("aws_cloudwatch_event_bus.events", { name: "shop-events", arn: arn("events", "event-bus/shop-events"), tags: { team: "a" } });
    const bucket = res("aws_s3_bucket.failed", { bucket: "shop-failed", arn: "arn:aws:s3:::shop-failed", tags: { team: "a" } });
    const subscription = res("aws_sns_topic_subscription.ops", { topic_arn: arn("sns", "shop-alerts"), protocol: "email", endpoint: "ops@example.com", arn: arn("sns", "shop-alerts:1111") });
    const resources = [
      ...created("resize", "shop-resize", { policy: [{ Sid: "SendToDone", Effect: "Allow", Action: "sqs:SendMessage", Resource: arn("sqs", "shop-done") }, { Sid: "PublishToAlerts", Effect: "Allow", Action: "sns:Publish", Resource: arn("sns", "shop-alerts") }, WRITE_LOGS("shop-resize")] }),
      ...created("crop", "shop-crop", { policy: [{ Sid: "PutEventsOnEvents", Effect: "Allow", Action: "events:PutEvents", Resource: arn("events", "event-bus/shop-events") }, { Sid: "PutObjectsInFailed", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::shop-failed/*" }, { Sid: "ListBucketFailed", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::shop-failed" }, WRITE_LOGS("shop-crop")] }),
      invokeConfig("resize", "shop-resize", { onSuccess: arn("sqs", "shop-done"), onFailure: arn("sns", "shop-alerts") }, { maximum_retry_attempts: 1, maximum_event_age_in_seconds: 3600 }),
      invokeConfig("crop", "shop-crop", { onSuccess: arn("events", "event-bus/shop-events"), onFailure: "arn:aws:s3:::shop-failed" }),
      queue("done", "shop-done", { visibility_timeout_seconds: 120 }),
      topic("alerts", "shop-alerts"),
      subscription,
      bus,
      bucket,
      queue("unrelated", "other-queue"),
    ];
    const report = imported(resources);
    const spec = specOf(report);
    expect(spec.functions.resize.async).toEqual({ retries: 1, maxEventAge: "1h", onSuccess: "done", onFailure: "alerts" });
    expect(spec.functions.crop.async).toEqual({ retries: 2, maxEventAge: "6h", onSuccess: "events", onFailure: "failed" });
    expect(spec.destinations).toEqual({
      done: { type: "sqs", visibilityTimeout: "2m" },
      alerts: { type: "sns", subscriptions: [{ protocol: "email", endpoint: "ops@example.com" }] },
      events: { type: "eventbridge" },
      failed: { type: "s3" },
    });
    expect(differences(report)).toEqual([]);
    expect(report.leftOut).toEqual([{ address: "aws_sqs_queue.unrelated", reason: "ldgen does not generate it from what it imported (aws_sqs_queue)" }]);
    expect(report.moved).toEqual(expect.arrayContaining([{ from: "aws_sns_topic_subscription.ops", to: "aws_sns_topic_subscription.alerts_0" }, { from: "aws_cloudwatch_event_bus.events", to: "aws_cloudwatch_event_bus.events" }].filter((m) => m.from !== m.to)));
    expect(report.spec).toMatch(/ {6}# aws_sns_topic_subscription\.ops\n {6}- protocol: email/);
  });

  it("an existing function's config: the function by ARN with its qualifier, its policy on its existing role", () => {
    const fnArn = arn("lambda", "function:billing");
    const resources = [
      invokeConfig("billing", fnArn, { onFailure: arn("events", "event-bus/audit") }, { qualifier: "live", maximum_retry_attempts: 0 }),
      res("aws_iam_role_policy.billing", { name: "wiring-billing", role: "billing-execution", policy: policy({ Sid: "PutEventsOnAuditBus", Effect: "Allow", Action: "events:PutEvents", Resource: arn("events", "event-bus/audit") }) }),
    ];
    const report = imported(resources, { name: "wiring" });
    const spec = specOf(report);
    // The statement's Sid names the bus the input does not hold, as the spec it came from did.
    expect(spec.functions.billing).toMatchObject({ arn: fnArn, qualifier: "live", role: "billing-execution", async: { retries: 0, onFailure: "audit-bus" } });
    expect(spec.destinations).toEqual({ "audit-bus": { type: "eventbridge", arn: arn("events", "event-bus/audit") } });
    expect(differences(report)).toEqual([]);
    expect(report.imports).toContainEqual({ to: "aws_lambda_function_event_invoke_config.billing", id: `${fnArn}:live` });
  });

  // (it was left out, "its function is not in the import", though the spec wires an existing function's mappings)
  it("an existing function's mapping: the function by ARN, its events from the mapping", () => {
    const fnArn = arn("lambda", "function:billing-ingest");
    const resources = [
      queue("orders", "wiring-orders"),
      res("aws_lambda_event_source_mapping.billing", { function_name: `${fnArn}:live`, event_source_arn: arn("sqs", "wiring-orders"), batch_size: 10, enabled: true, uuid: "u-1", tags: { team: "a" } }),
    ];
    const report = imported(resources, { name: "wiring" });
    const spec = specOf(report);
    expect(spec.functions["billing-ingest"]).toEqual({ arn: fnArn, qualifier: "live", events: [{ source: "orders" }] });
    expect(report.leftOut).toEqual([]);
    expect(report.moved).toContainEqual({ from: "aws_lambda_event_source_mapping.billing", to: "aws_lambda_event_source_mapping.billing_ingest_orders" });
  });

  // (ldgen writes the ARN; the state has the name the root gave: the provider plans no change, the report said one)
  it("an existing function's mapping by the function's name: no difference for the name", () => {
    const resources = [
      queue("orders", "wiring-orders"),
      res("aws_lambda_event_source_mapping.fraud", { function_name: "fraud-scorer", event_source_arn: arn("sqs", "wiring-orders"), batch_size: 10, enabled: true, uuid: "u-1", tags: { team: "a" } }),
    ];
    const report = imported(resources, { name: "wiring" });
    expect(specOf(report).functions["fraud-scorer"]).toEqual({ arn: arn("lambda", "function:fraud-scorer"), events: [{ source: "orders" }] });
    expect(differences(report)).toEqual([]);
  });

  it("a destination the spec cannot express as the state has it: a difference at the attribute", () => {
    const resources = [
      ...created("resize", "shop-resize", { policy: [{ Sid: "SendToDone", Effect: "Allow", Action: "sqs:SendMessage", Resource: arn("sqs", "shop-done") }, WRITE_LOGS("shop-resize")] }),
      invokeConfig("resize", "shop-resize", { onSuccess: arn("sqs", "shop-done") }),
      queue("done", "shop-done", { delay_seconds: 5, sqs_managed_sse_enabled: false }),
    ];
    expect(differences(imported(resources))).toEqual([
      "aws_sqs_queue.done sqs_managed_sse_enabled: ldgen writes true; the state has false",
      "aws_sqs_queue.done delay_seconds: the state sets 5; the spec sets nothing there, so ldgen leaves it to AWS's default, 0",
    ]);
  });

  // An entry a spec declares and nothing uses yet is in ldgen's state all the same: at ldgen's address for its key,
  // with ldgen's AWS name for it. Only then is it taken for a declared entry; anything else nothing wires is left out.
  const LEFT_OUT = "ldgen does not generate it from what it imported";
  it.each<[string, Res, { section: string; key: string; entry: Record<string, unknown> } | undefined]>([
    ["a queue at ldgen's address, with ldgen's name", queue("spare", "shop-spare"), { section: "destinations", key: "spare", entry: { type: "sqs" } }],
    ["a FIFO topic (key with a dash)", topic("ordered_topic", "shop-ordered-topic.fifo", { fifo_topic: true }), { section: "destinations", key: "ordered-topic", entry: { type: "sns", fifo: true } }],
    ["an event bus", res("aws_cloudwatch_event_bus.audit", { name: "shop-audit", arn: arn("events", "event-bus/shop-audit"), tags: { team: "a" } }), { section: "destinations", key: "audit", entry: { type: "eventbridge" } }],
    ["a bucket", res("aws_s3_bucket.archive", { bucket: "shop-archive", arn: "arn:aws:s3:::shop-archive", tags: { team: "a" } }), { section: "destinations", key: "archive", entry: { type: "s3" } }],
    ["a stream (a source)", res("aws_kinesis_stream.clicks", { name: "shop-clicks", arn: arn("kinesis", "stream/shop-clicks"), shard_count: 1, retention_period: 24, encryption_type: "NONE", tags: { team: "a" } }), { section: "sources", key: "clicks", entry: { type: "kinesis" } }],
    ["ldgen's name at another address", queue("other", "shop-spare"), undefined],
    ["ldgen's address with another name", queue("spare", "other-spare"), undefined],
    ["ldgen's name and label in a module", { ...queue("spare", "shop-spare"), address: "module.q.aws_sqs_queue.spare" }, undefined],
    ["ldgen's name and label with a for_each key", { ...queue("spare", "shop-spare"), address: 'aws_sqs_queue.spare["a"]' }, undefined],
    ["a key a function has", queue("resize", "shop-resize"), undefined],
    ["a FIFO name on a standard queue's address", queue("spare", "shop-spare.fifo"), undefined],
  ])("nothing wires it, %s", (_, endpoint, want) => {
    const report = imported([...created("resize", "shop-resize"), endpoint]);
    const spec = specOf(report);
    if (want) {
      expect(spec[want.section]).toEqual({ [want.key]: want.entry });
      expect(report.leftOut).toEqual([]);
      expect(differences(report)).toEqual([]);
      expect(report.moved).toEqual([]);
    } else {
      expect(spec.destinations ?? {}).toEqual({});
      expect(spec.sources ?? {}).toEqual({});
      expect(report.leftOut).toEqual([{ address: endpoint.address, reason: expect.stringContaining(LEFT_OUT) }]);
    }
  });
});

describe("importShow: a root written by hand (terraform-aws-modules/lambda style)", () => {
  const m = "module.resize";
  const logsPolicy = `arn:aws:iam::${ACCOUNT}:policy/shop-resize-logs`;
  const resources = [
    res(`${m}.aws_lambda_function.this[0]`, fnValues("shop-resize", { role: ROLE("shop-resize"), timeout: 30, tags: { team: "a", module: "lambda" } })),
    res(`${m}.aws_iam_role.lambda[0]`, { name: "shop-resize", arn: ROLE("shop-resize"), assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }] }), path: "/", max_session_duration: 3600, force_detach_policies: true, tags: { team: "a", module: "lambda" } }),
    res(`${m}.aws_iam_policy.logs[0]`, { name: "shop-resize-logs", arn: logsPolicy, policy: policy({ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn("shop-resize")}:*` }) }),
    res(`${m}.aws_iam_role_policy_attachment.logs[0]`, { role: "shop-resize", policy_arn: logsPolicy, id: "shop-resize-1" }),
    res(`${m}.aws_cloudwatch_log_group.lambda[0]`, { name: "/aws/lambda/shop-resize", arn: logGroupArn("shop-resize"), retention_in_days: 14, tags: { team: "a", module: "lambda" } }),
    res("aws_vpc.main", { id: "vpc-1", cidr_block: "10.0.0.0/16" }),
  ];
  const report = imported(resources);

  it("gives a spec of what it can say, moved from the module's addresses", () => {
    expect(specOf(report)).toMatchObject({ name: "shop", tags: { team: "a", module: "lambda" }, functions: { resize: { timeout: 30, logRetention: 14, managedPolicies: [logsPolicy] } } });
    expect(report.moved).toEqual(expect.arrayContaining([
      { from: `${m}.aws_lambda_function.this[0]`, to: "aws_lambda_function.resize" },
      { from: `${m}.aws_iam_role.lambda[0]`, to: "aws_iam_role.resize" },
      { from: `${m}.aws_iam_role_policy_attachment.logs[0]`, to: "aws_iam_role_policy_attachment.resize_shop_resize_logs" },
      { from: `${m}.aws_cloudwatch_log_group.lambda[0]`, to: "aws_cloudwatch_log_group.resize" },
    ]));
  });

  it("reports every difference, resource by resource", () => {
    expect(differences(report)).toEqual([
      `${m}.aws_iam_role.lambda[0] assume_role_policy.LambdaAssumeRole: the same statement under another Sid: ldgen writes "LambdaAssumeRole"; the state has ""`,
      `${m}.aws_iam_role.lambda[0] force_detach_policies: the state sets true; the spec sets nothing there, so ldgen leaves it to AWS's default, false`,
      "aws_iam_role_policy.resize : the input has no resource ldgen maps here: ldgen creates it (if it exists in AWS already, import it)",
    ]);
  });

  it("leaves out what ldgen does not own", () => {
    expect(report.leftOut).toEqual([
      { address: "aws_vpc.main", reason: "ldgen does not generate it from what it imported (aws_vpc)" },
      { address: `${m}.aws_iam_policy.logs[0]`, reason: "a managed policy ldgen does not create: functions.resize.managedPolicies attaches it by ARN; keep it in its root" },
    ]);
  });
});

describe("importShow: what hands the resources over", () => {
  it.each<[string, Values, string]>([
    ["aws_lambda_function", { function_name: "f" }, "f"],
    ["aws_lambda_function_event_invoke_config", { function_name: "f", qualifier: "live" }, "f:live"],
    ["aws_lambda_event_source_mapping", { uuid: "1234-abcd", id: "1234-abcd" }, "1234-abcd"],
    ["aws_lambda_permission", { function_name: "f", statement_id: "AllowS3", qualifier: "" }, "f/AllowS3"],
    ["aws_lambda_permission", { function_name: "f", statement_id: "AllowS3", qualifier: "live" }, "f:live/AllowS3"],
    ["aws_lambda_alias", { function_name: "f", name: "live" }, "f/live"],
    ["aws_iam_role", { name: "r", id: "r" }, "r"],
    ["aws_iam_role_policy", { role: "r", name: "p", id: "r:p" }, "r:p"],
    ["aws_iam_role_policy_attachment", { role: "r", policy_arn: "arn:aws:iam::aws:policy/X", id: "r-2024" }, "r/arn:aws:iam::aws:policy/X"],
    ["aws_sqs_queue", { url: "https://sqs/q", id: "https://sqs/q", name: "q" }, "https://sqs/q"],
    ["aws_sqs_queue_policy", { queue_url: "https://sqs/q" }, "https://sqs/q"],
    ["aws_sns_topic", { arn: "arn:aws:sns:r:a:t" }, "arn:aws:sns:r:a:t"],
    ["aws_sns_topic_subscription", { arn: "arn:aws:sns:r:a:t:1", id: "arn:aws:sns:r:a:t:1" }, "arn:aws:sns:r:a:t:1"],
    ["aws_cloudwatch_event_rule", { name: "r", event_bus_name: "default" }, "r"],
    ["aws_cloudwatch_event_rule", { name: "r", event_bus_name: "bus" }, "bus/r"],
    ["aws_cloudwatch_event_target", { rule: "r", target_id: "t", event_bus_name: "bus" }, "bus/r/t"],
    ["aws_s3_bucket_notification", { bucket: "b" }, "b"],
    ["aws_cloudwatch_log_group", { name: "/aws/lambda/f" }, "/aws/lambda/f"],
    ["aws_cloudwatch_metric_alarm", { alarm_name: "a" }, "a"],
    ["aws_kinesis_stream", { name: "s", id: "arn:aws:kinesis:r:a:stream/s" }, "s"],
    ["aws_vpc", { id: "vpc-1" }, "vpc-1"],
  ])("%s imports by its documented ID (%#)", (type, values, id) => {
    expect(importId({ address: `${type}.x`, module: "", mode: "managed", type, name: "x", provider: AWS, values })).toBe(id);
  });

  it("moved, import and state mv from modules and instances, quoted for the shell", () => {
    const report = imported([res('module.img.aws_lambda_function.fn["resize"]', fnValues("shop-resize")), res("module.img.aws_lambda_function.crop[0]", fnValues("shop-crop"))]);
    expect(report.moved).toEqual([
      { from: 'module.img.aws_lambda_function.fn["resize"]', to: "aws_lambda_function.resize" },
      { from: "module.img.aws_lambda_function.crop[0]", to: "aws_lambda_function.crop" },
    ]);
    expect(report.stateMoves[0]).toBe(`terraform state mv -state=old.tfstate -state-out=new.tfstate 'module.img.aws_lambda_function.fn["resize"]' aws_lambda_function.resize`);
    expect(movedBlocks(report.moved)).toContain('moved {\n  from = module.img.aws_lambda_function.fn["resize"]\n  to   = aws_lambda_function.resize\n}');
    expect(importBlocks([{ to: "aws_x.y", id: "a${b}%{c}\"" }])).toBe('import {\n  to = aws_x.y\n  id = "a$${b}%%{c}\\""\n}\n');
  });

  it("a plan's planned values, with the prior state's computed ones", () => {
    const fn = fnValues("shop-resize");
    const planJson = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_lambda_function.resize", mode: "managed", type: "aws_lambda_function", name: "resize", provider_name: AWS, values: { ...fn, arn: null } }] } },
      prior_state: { values: { root_module: { resources: [{ address: "aws_lambda_function.resize", mode: "managed", type: "aws_lambda_function", name: "resize", provider_name: AWS, values: fn }] } } },
    };
    const report = importShow(planJson, { file: "plan.json" });
    expect(specOf(report).region).toBe(REGION);
  });

  it("what ldgen does not own is left out, each with why", () => {
    const report = imported([...created("resize", "shop-resize"), res("aws_vpc.main", { id: "vpc-1" })]);
    expect(report.leftOut).toEqual([{ address: "aws_vpc.main", reason: "ldgen does not generate it from what it imported (aws_vpc)" }]);
  });

  // (each was "ldgen does not generate it from what it imported (<type>)", which does not say that the imported
  // function still needs it, nor what to do with it)
  it("what an imported function uses or is configured by: left out, saying which function and how", () => {
    const subnet = "subnet-0a1b2c3d4e5f60718";
    const layer = arn("lambda", "layer:sharp:3");
    const table = arn("dynamodb", "table/shop-orders");
    const stream = `${table}/stream/2024-01-01T00:00:00.000`;
    const report = imported([
      ...created("resize", "shop-resize", { fn: { layers: [layer], vpc_config: [{ subnet_ids: [subnet], security_group_ids: ["sg-0123456789abcdef0"], vpc_id: "vpc-1" }] } }),
      res("aws_subnet.private", { id: subnet, arn: arn("ec2", `subnet/${subnet}`) }),
      res("aws_lambda_layer_version.sharp", { arn: layer, layer_arn: arn("lambda", "layer:sharp") }),
      res("aws_lambda_function_url.resize", { function_name: "shop-resize", authorization_type: "AWS_IAM" }),
      res("aws_dynamodb_table.orders", { name: "shop-orders", arn: table, stream_arn: stream }),
      res("aws_lambda_event_source_mapping.orders", { function_name: arn("lambda", "function:shop-resize"), event_source_arn: stream, starting_position: "LATEST", batch_size: 100, uuid: "u-1" }),
    ]);
    const reasons = Object.fromEntries(report.leftOut.map((l) => [l.address, l.reason]));
    expect(reasons).toEqual({
      "aws_subnet.private": "functions.resize uses it by its id (vpc_config.subnet_ids), which the spec writes as a literal; ldgen does not generate an aws_subnet: keep it in its root",
      "aws_lambda_layer_version.sharp": "functions.resize uses it by its ARN (layers), which the spec writes as a literal; ldgen does not generate an aws_lambda_layer_version: keep it in its root",
      "aws_lambda_function_url.resize": "it configures functions.resize, and the spec has nothing for an aws_lambda_function_url: keep it in its root, naming the function by its AWS name there (ldgen keeps it); or remove it",
      "aws_dynamodb_table.orders": "functions.resize reads it by ARN (aws_lambda_event_source_mapping.orders), which the spec writes as the event's source; ldgen does not generate an aws_dynamodb_table: keep it in its root",
    });
  });
});

describe("importShow: event source mappings", () => {
  // (both became aws_lambda_event_source_mapping.a_partner_feed, an error: the labels taken were made from the
  // source's ARN, not from its short name as ldgen labels them)
  it("two mappings of one function on one source given by ARN: the second is told apart by its name", () => {
    const feed = "arn:aws:sqs:us-east-1:999999999999:partner-feed";
    const mapping = (label: string, extra: Values) => res(`aws_lambda_event_source_mapping.${label}`, { function_name: arn("lambda", "function:shop-a"), event_source_arn: feed, batch_size: 10, enabled: true, uuid: `u-${label}`, ...extra });
    const report = imported([...created("a", "shop-a"), mapping("orders", { filter_criteria: [{ filter: [{ pattern: '{"body":{"kind":["order"]}}' }] }], kms_key_arn: arn("kms", "key/f") }), mapping("refunds", { batch_size: 5 })]);
    expect(specOf(report).functions.a.events).toEqual([
      { source: feed, filters: [{ body: { kind: ["order"] } }] },
      { source: feed, name: "partner-feed-2", batchSize: 5 },
    ]);
    expect(report.moved).toEqual(expect.arrayContaining([
      { from: "aws_lambda_event_source_mapping.orders", to: "aws_lambda_event_source_mapping.a_partner_feed" },
      { from: "aws_lambda_event_source_mapping.refunds", to: "aws_lambda_event_source_mapping.a_partner_feed_2" },
    ]));
    // (AWS's default for an unset string is "", not shown as a value)
    expect(differences(report)).toContainEqual(`aws_lambda_event_source_mapping.orders kms_key_arn: the state sets "${arn("kms", "key/f")}"; the spec sets nothing there, so ldgen leaves it to AWS's default`);
  });

  // A consumer's ARN ends in its creation time, which named the mapping (`telemetry__1704067200`), and its stream
  // was "no mapping of an imported function reads it".
  it("a Kinesis enhanced fan-out consumer: a source named after the consumer, and the consumer and its stream left out saying why", () => {
    const stream = arn("kinesis", "stream/shop-clicks-stream");
    const consumer = `${stream}/consumer/shop-clicks:1704067200`;
    const report = imported([
      ...created("clicks", "shop-clicks"),
      res("aws_kinesis_stream.clicks", { name: "shop-clicks-stream", arn: stream, shard_count: 1, retention_period: 24 }),
      res("aws_kinesis_stream_consumer.clicks", { name: "shop-clicks", stream_arn: stream, arn: consumer }),
      res("aws_lambda_event_source_mapping.clicks", { function_name: arn("lambda", "function:shop-clicks"), event_source_arn: consumer, starting_position: "LATEST", batch_size: 100, maximum_retry_attempts: -1, maximum_record_age_in_seconds: -1, parallelization_factor: 1, bisect_batch_on_function_error: false, uuid: "u-1" }),
    ]);
    const spec = specOf(report);
    expect(spec.sources).toEqual({ "clicks-consumer": { type: "kinesis", arn: consumer } });
    expect(spec.functions.clicks.events).toEqual([{ source: "clicks-consumer", startingPosition: "LATEST" }]);
    expect(report.moved).toContainEqual({ from: "aws_lambda_event_source_mapping.clicks", to: "aws_lambda_event_source_mapping.clicks_clicks_consumer" });
    expect(report.spec).toMatch(/# the enhanced fan-out consumer shop-clicks: ldgen grants the reads on its stream, and kinesis:DescribeStreamConsumer and kinesis:SubscribeToShard on the consumer/);
    expect(report.leftOut).toEqual([
      { address: "aws_kinesis_stream.clicks", reason: "read through its enhanced fan-out consumer aws_kinesis_stream_consumer.clicks, which ldgen does not create: the stream stays in its root with it" },
      { address: "aws_kinesis_stream_consumer.clicks", reason: `an enhanced fan-out consumer of ${stream}, which aws_lambda_event_source_mapping.clicks reads by its ARN (the spec names it by ARN): ldgen creates no consumer; keep it in its root` },
    ]);
  });
});

// ---- The CLI --------------------------------------------------------------------------------------

function ldgen(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "ldgen.js"), ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ldgen import", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-import-"));
  const state = path.join(dir, "state.json");
  fs.writeFileSync(state, JSON.stringify(show([res("aws_lambda_function.resize", fnValues("shop-resize"))])));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads standard input and prints the spec", () => {
    const r = ldgen(["import"], { input: fs.readFileSync(state, "utf8") });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}resize:$/m);
    expect(r.stderr).toMatch(/imported 1 resources \(1 function\)/);
  });

  it("--format json: the whole report on standard output", () => {
    const r = ldgen(["import", state, "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report.spec).toMatch(/^ {2}resize:$/m);
    expect(report.imports).toContainEqual({ to: "aws_lambda_function.resize", id: "shop-resize" });
    expect(Object.keys(report).sort()).toEqual(["differences", "errors", "imports", "leftOut", "moved", "spec", "stateMoves", "unapplied"]);
  });

  it("a plan: what it creates has no import block, and --imports and the report say so", () => {
    const fn = { ...fnValues("shop-resize"), arn: undefined, role: undefined };
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_lambda_function.resize", mode: "managed", type: "aws_lambda_function", name: "resize", provider_name: AWS, values: fn }] } },
      resource_changes: [{ address: "aws_lambda_function.resize", change: { actions: ["create"], after: fn, after_unknown: { arn: true, role: true } } }],
      configuration: { root_module: { resources: [{ address: "aws_lambda_function.resize", mode: "managed", type: "aws_lambda_function", name: "resize", expressions: { role: { references: ["var.role_arn"] } } }] } },
    };
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    const imports = path.join(dir, "plan-imports.tf");
    const r = ldgen(["import", file, "--imports", imports]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("(not the 1 the plan creates, which do not exist yet to import: aws_lambda_function.resize)");
    // (its role is a variable of the root: the plan does not know it, and the report says so)
    expect(r.stderr).toMatch(/aws_lambda_function\.resize\n.*LD206.*the plan does not know its role/);
    expect(fs.readFileSync(imports, "utf8")).toContain("# Not here: the 1 resources the plan creates, which do not exist yet (no import ID before apply):\n#   aws_lambda_function.resize\n");
    expect(fs.readFileSync(imports, "utf8")).not.toContain("import {");
  });

  it("writes --out, --moved and --imports, and refuses to replace them without --force", () => {
    const out = path.join(dir, "spec.yaml");
    const imports = path.join(dir, "imports.tf");
    const r = ldgen(["import", state, "--out", out, "--imports", imports]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(imports, "utf8")).toMatch(/import \{\n {2}to = aws_lambda_function\.resize\n {2}id = "shop-resize"\n\}/);
    fs.writeFileSync(out, "mine\n");
    const again = ldgen(["import", state, "--out", out, "--imports", path.join(dir, "other.tf")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/spec\.yaml exists; ldgen import writes only new files \(--force replaces it\)/);
    expect(fs.readFileSync(out, "utf8")).toBe("mine\n");
    expect(fs.existsSync(path.join(dir, "other.tf"))).toBe(false);
    expect(ldgen(["import", state, "--out", out, "--force"]).code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/^ {2}resize:$/m);
  });

  it.each<[string, string[], string | undefined, number, RegExp]>([
    ["a missing file", ["import", "nope.json"], undefined, 2, /ldgen: cannot read nope\.json: no such file/],
    ["bad JSON", ["import", "-"], "{", 1, /ldgen: error: <stdin>: not JSON/],
    ["a folder", ["import", "."], undefined, 2, /is a directory/],
    ["another provider's state", ["import", "-"], JSON.stringify({ values: { root_module: { resources: [{ address: "random_id.x", mode: "managed", type: "random_id", name: "x", provider_name: "registry.terraform.io/hashicorp/random", values: {} }] } } }), 1, /no AWS resources \(it holds 1 of registry\.terraform\.io\/hashicorp\/random\)/],
    ["an unknown option", ["import", "-", "--nope"], "{}", 2, /unknown option '--nope'/],
  ])("%s: its exit code, nothing written, no stack trace", (_, args, input, code, message) => {
    const out = path.join(dir, `never-${code}.yaml`);
    const r = ldgen([...args, "--out", out], { input });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("the spec's YAML", () => {
  // Strings YAML would read as something else, or could not read plain; each must come back as itself.
  const HOSTILE = ["a: b", "a #b", "#x", "- x", "? x", "*x", "&x", "!x", "%x", "@x", "`x", '"q"', "'s'", "yes", "No", "on", "n", "~", "null", "true", "1.10", "0755", "1e3", "-1", ".5", "+1", "0x1f", " lead", "trail ", "tab\tx", "new\nline", "${var}", "%{x}", "a:", "a:b", "s3:ObjectCreated:*", "\u2028", "\u0000x", "é ü", "[a]", "{a}", "a, b", "|x", ">x", "2024-01-01", ".inf", ".nan", "<<", "a\\b", "", "-", "---", "...", "5m", "14d"];
  it("reads back as the data it was made from, with each entry's addresses above it", () => {
    const environment = Object.fromEntries(HOSTILE.map((h, i) => [`K${i}`, h]));
    const report = imported(created("resize", "shop-resize", { fn: { environment: [{ variables: environment }], description: HOSTILE.join("|") } }));
    const spec = YAML.parse(report.spec!);
    expect(spec.functions.resize.environment).toEqual(environment);
    expect(spec.functions.resize.description).toBe(HOSTILE.join("|"));
    expect(report.spec).toMatch(/^ {2}# aws_lambda_function\.resize$/m);
  });
});

describe("importShow: triggers and destinations on endpoints the import holds", () => {
  const fnArn = arn("lambda", "function:shop-ingest");
  const subscription = (extra: Values = {}) =>
    res("aws_sns_topic_subscription.ingest", { topic_arn: arn("sns", "shop-orders"), protocol: "lambda", endpoint: fnArn, arn: arn("sns", "shop-orders:1111"), raw_message_delivery: false, ...extra });
  const permission = (label: string, principal: string, sourceArn: string) =>
    res(`aws_lambda_permission.ingest_${label}`, { statement_id: `ldgen-ingest-${label}`, action: "lambda:InvokeFunction", function_name: "shop-ingest", principal, source_arn: sourceArn });

  it("a bucket's notification, on a bucket the spec declares: at the label of the trigger's bucket (its key)", () => {
    const resources = [
      ...created("ingest", "shop-ingest"),
      res("aws_s3_bucket.uploads", { bucket: "shop-uploads", arn: "arn:aws:s3:::shop-uploads", tags: { team: "a" } }),
      res("aws_s3_bucket_notification.uploads", { bucket: "shop-uploads", id: "shop-uploads", eventbridge: false, lambda_function: [{ id: "ingest-s3", lambda_function_arn: fnArn, events: ["s3:ObjectCreated:*"], filter_prefix: "", filter_suffix: "" }], queue: [], topic: [] }),
      permission("s3", "s3.amazonaws.com", "arn:aws:s3:::shop-uploads"),
    ];
    const report = imported(resources);
    const spec = specOf(report);
    expect(spec.functions.ingest.triggers).toEqual([{ s3: { bucket: "uploads" } }]);
    expect(spec.destinations).toEqual({ uploads: { type: "s3" } });
    // ldgen labels the notification after the trigger's `bucket`, the key: the state is already there.
    expect(report.imports).toContainEqual({ to: "aws_s3_bucket_notification.uploads", id: "shop-uploads" });
    expect(differences(report)).toEqual([]);
    expect(report.moved).toEqual([]);
  });

  it("a topic whose policy names it by `arn`: the topic is still the trigger's entry, and the policy is left out", () => {
    const resources = [
      ...created("ingest", "shop-ingest"),
      topic("orders", "shop-orders"),
      res("aws_sns_topic_policy.orders", { arn: arn("sns", "shop-orders"), id: arn("sns", "shop-orders"), policy: policy({ Effect: "Allow", Action: "sns:Publish", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Resource: arn("sns", "shop-orders") }) }),
      subscription(),
      permission("sns", "sns.amazonaws.com", arn("sns", "shop-orders")),
    ];
    const report = imported(resources);
    const spec = specOf(report);
    expect(spec.functions.ingest.triggers).toEqual([{ sns: "orders" }]);
    expect(spec.destinations).toEqual({ orders: { type: "sns" } });
    expect(report.imports.map((i) => i.to)).toContain("aws_sns_topic.orders");
    expect(differences(report)).toEqual([]);
    // It stays in its root, which must then name the topic by its ARN: the topic leaves that root.
    expect(report.leftOut).toEqual([{ address: "aws_sns_topic_policy.orders", reason: `it is attached to aws_sns_topic.orders, which ldgen takes over, but ldgen writes no aws_sns_topic_policy for it: it stays in this root, where arn must then be the value "${arn("sns", "shop-orders")}" instead of a reference to aws_sns_topic.orders` }]);
  });

  it("a trigger's dead-letter queue that keeps SQS's default retention: the spec says so (ldgen gives dead letters 14 days)", () => {
    const resources = [
      ...created("ingest", "shop-ingest"),
      topic("orders", "shop-orders"),
      subscription({ redrive_policy: JSON.stringify({ deadLetterTargetArn: arn("sqs", "shop-ingest-dlq") }) }),
      permission("sns", "sns.amazonaws.com", arn("sns", "shop-orders")),
      queue("ingest_dlq", "shop-ingest-dlq"),
    ];
    const report = imported(resources);
    const spec = specOf(report);
    expect(spec.functions.ingest.triggers).toEqual([{ sns: "orders", deadLetter: "ingest-dlq" }]);
    expect(spec.destinations["ingest-dlq"]).toEqual({ type: "sqs", retention: "4d" });
    expect(differences(report).filter((d) => d.startsWith("aws_sqs_queue."))).toEqual([]);
  });

  it.each<[string, Values]>([
    ["its key id", { kms_master_key_id: "1234abcd-12ab-34cd-56ef-1234567890ab" }],
    ["its alias", { kms_master_key_id: "alias/shop-messaging" }],
  ])("a queue encrypted with a key of the input named by %s: kmsKey is the key's ARN, and the attribute a difference", (_, extra) => {
    const keyArn = arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
    const resources = [
      ...created("ingest", "shop-ingest"),
      invokeConfig("ingest", "shop-ingest", { onFailure: arn("sqs", "shop-failed") }),
      queue("failed", "shop-failed", { sqs_managed_sse_enabled: false, kms_data_key_reuse_period_seconds: 300, ...extra }),
      res("aws_kms_key.messaging", { key_id: "1234abcd-12ab-34cd-56ef-1234567890ab", id: "1234abcd-12ab-34cd-56ef-1234567890ab", arn: keyArn, tags: { team: "a" } }),
      res("aws_kms_alias.messaging", { name: "alias/shop-messaging", target_key_id: "1234abcd-12ab-34cd-56ef-1234567890ab", target_key_arn: keyArn, arn: arn("kms", "alias/shop-messaging") }),
    ];
    const report = imported(resources);
    const spec = specOf(report);
    expect(spec.destinations.failed).toEqual({ type: "sqs", kmsKey: keyArn });
    expect(differences(report).filter((d) => d.startsWith("aws_sqs_queue."))).toEqual([`aws_sqs_queue.failed kms_master_key_id: ldgen writes ${JSON.stringify(keyArn)}; the state has ${JSON.stringify(extra.kms_master_key_id)}`]);
  });

  it("a queue's separate redrive policy is left out with how to let go of it: destroying it clears the queue's redrive policy", () => {
    const url = (name: string) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
    const resources = [
      ...created("ingest", "shop-ingest"),
      invokeConfig("ingest", "shop-ingest", { onFailure: arn("sqs", "shop-failed") }),
      queue("failed", "shop-failed"),
      queue("failed_dlq", "shop-failed-dlq", { message_retention_seconds: 1209600 }),
      res("aws_sqs_queue_redrive_policy.failed", { queue_url: url("shop-failed"), id: url("shop-failed"), redrive_policy: JSON.stringify({ deadLetterTargetArn: arn("sqs", "shop-failed-dlq"), maxReceiveCount: 3 }) }),
    ];
    const report = imported(resources);
    expect(specOf(report).destinations.failed).toEqual({ type: "sqs", deadLetter: { queue: "failed-dlq", maxReceiveCount: 3 } });
    expect(report.leftOut).toEqual([{ address: "aws_sqs_queue_redrive_policy.failed", reason: expect.stringContaining('"terraform state rm aws_sqs_queue_redrive_policy.failed": destroying it clears the queue\'s redrive policy') }]);
  });

  it("a Lambda subscription to the topic of a function the import does not hold: left out saying so, as the topic leaves its root", () => {
    const other = arn("lambda", "function:crm-sync");
    const resources = [...created("ingest", "shop-ingest"), topic("orders", "shop-orders"), subscription(), permission("sns", "sns.amazonaws.com", arn("sns", "shop-orders")), res("aws_sns_topic_subscription.crm", { topic_arn: arn("sns", "shop-orders"), protocol: "lambda", endpoint: other, arn: arn("sns", "shop-orders:2222") })];
    const report = imported(resources);
    expect(specOf(report).destinations).toEqual({ orders: { type: "sns" } });
    expect(report.leftOut).toEqual([{ address: "aws_sns_topic_subscription.crm", reason: expect.stringContaining(`it subscribes ${other}, a function the import does not hold, to aws_sns_topic.orders, which ldgen takes over`) }]);
  });

  it("an EventBridge Scheduler schedule of a function: left out naming the function (the spec's schedule is an EventBridge rule)", () => {
    const schedule = res("aws_scheduler_schedule.sweep", { name: "shop-sweep", arn: arn("scheduler", "schedule/default/shop-sweep"), schedule_expression: "rate(15 minutes)", target: [{ arn: fnArn, role_arn: ROLE("shop-scheduler") }] });
    const report = imported([...created("ingest", "shop-ingest"), schedule]);
    expect(specOf(report).functions.ingest.triggers).toBeUndefined();
    expect(report.leftOut).toEqual([{ address: "aws_scheduler_schedule.sweep", reason: expect.stringContaining("an EventBridge Scheduler schedule that invokes functions.ingest") }]);
  });

  it("a resource left out at an address ldgen's root uses too: its reason says to take it out of the state first", () => {
    const theirs = { ...permission("sns", "sns.amazonaws.com", arn("sns", "shop-orders")), values: { ...permission("sns", "sns.amazonaws.com", arn("sns", "shop-orders")).values, statement_id: "AllowOrders" } };
    const report = imported([...created("ingest", "shop-ingest"), topic("orders", "shop-orders"), subscription(), theirs]);
    expect(report.differences.map((d) => d.address)).toContain("aws_lambda_permission.ingest_sns");
    expect(report.leftOut).toEqual([{ address: "aws_lambda_permission.ingest_sns", reason: expect.stringContaining('ldgen\'s root has a resource at this address too: generated into this root (--moved), Terraform takes this one for ldgen\'s and replaces or updates it, so first "terraform state rm aws_lambda_permission.ingest_sns"') }]);
  });

  it("an automatic attachment whose reason the rules refuse (a vpc_config without security groups) is left out, not claimed at nothing", () => {
    const vpcArn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";
    const report = imported([
      ...created("resize", "shop-resize", { fn: { vpc_config: [{ subnet_ids: ["subnet-0123456789abcdef0"], security_group_ids: [], vpc_id: "vpc-1" }] } }),
      res("aws_iam_role_policy_attachment.resize_vpc", { role: "shop-resize", policy_arn: vpcArn, id: "shop-resize-x" }),
    ]);
    expect(report.errors).toEqual([]);
    expect(report.differences.filter((d) => /importer's fault/.test(d.message))).toEqual([]);
    expect(report.differences.map((d) => `${d.address} ${d.attribute}`)).toContain("aws_lambda_function.resize (spec) functions.resize.vpc");
    expect(report.moved.map((m) => m.from)).not.toContain("aws_iam_role_policy_attachment.resize_vpc");
    expect(report.leftOut).toContainEqual({ address: "aws_iam_role_policy_attachment.resize_vpc", reason: expect.stringContaining("the spec does not make aws_iam_role_policy_attachment.resize_vpc: functions.resize.vpc left the spec") });
  });

  it("a data source at an address ldgen's root reads too is only read: no 'terraform state rm'", () => {
    const state = show(created("ingest", "shop-ingest")) as { values: { root_module: { resources: object[] } } };
    state.values.root_module.resources.push({ address: "data.aws_iam_policy_document.ingest", mode: "data", type: "aws_iam_policy_document", name: "ingest", provider_name: AWS, schema_version: 0, values: { json: "{}" } });
    const report = importShow(state, { file: "state.json", rootDir: "out/hcl", specFile: "spec.yaml" });
    expect(report.leftOut).toEqual([{ address: "data.aws_iam_policy_document.ingest", reason: "a data source: read, not managed" }]);
  });
});
