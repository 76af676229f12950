import { check, graph } from "../generator";
import { addresses, findResource, planOf, plain, s3Code, specYaml } from "./support/spec";

/** Functions as teams write them: their own permissions, VPC, aliases, images, accounts and secure defaults. */

const ACCOUNT = "123456789012";
const TABLE = `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/orders`;
const body = (sections: Record<string, unknown>, addr: string) => plain(findResource(planOf(sections), addr)!.body);
const statementsOf = (sections: Record<string, unknown>, label = "f") =>
  (body(sections, `data.aws_iam_policy_document.${label}`).statement as Record<string, unknown>[]).map((s) => ({ sid: s.sid, actions: s.actions, resources: s.resources }));
const logs = { sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["${aws_cloudwatch_log_group.f.arn}:*"] };
const triggered = { triggers: [{ schedule: "rate(1 hour)" }] };

/** Diagnostics of a spec as `<line> <code> <path>`. */
const diagnose = (sections: Record<string, unknown>) => check(specYaml(sections), "spec.yaml").diagnostics.map((d) => `${d.line} ${d.code} ${d.path}`);

describe("policies: the function's own permissions, after the edge statements", () => {
  it("writes the exact policy document, statement by statement, with stable ids", () => {
    const sections = {
      destinations: { q: { type: "sqs" }, archive: { type: "s3" } },
      functions: {
        f: {
          ...s3Code,
          ...triggered,
          async: { onFailure: "q" },
          policies: [
            { actions: ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:GetItem"], resources: [TABLE, `${TABLE}/index/*`] },
            { sid: "ReadArchive", actions: ["s3:GetObject"], resources: ["archive/*"] },
            { actions: ["sqs:ReceiveMessage"], resources: ["q"] },
            { sid: "CallG", actions: ["lambda:InvokeFunction"], resources: ["g"] },
          ],
        },
        g: { ...s3Code, qualifier: "live" },
      },
    };
    expect(statementsOf(sections)).toEqual([
      { sid: "SendToQ", actions: ["sqs:SendMessage"], resources: ["${aws_sqs_queue.q.arn}"] },
      logs,
      { sid: "Policy1", actions: ["dynamodb:GetItem", "dynamodb:Query"], resources: [TABLE, `${TABLE}/index/*`] },
      { sid: "ReadArchive", actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.archive.arn}/*"] },
      { sid: "Policy3", actions: ["sqs:ReceiveMessage"], resources: ["${aws_sqs_queue.q.arn}"] },
      // A function is named by its unqualified ARN, alias or not.
      { sid: "CallG", actions: ["lambda:InvokeFunction"], resources: ["${aws_lambda_function.g.arn}"] },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, unknown[]]>([
    ["an ARN", {}, TABLE, [TABLE]],
    ["a created queue's name", { destinations: { q: { type: "sqs" } } }, "q", ["${aws_sqs_queue.q.arn}"]],
    ["a created stream's name", { sources: { s: { type: "kinesis" } } }, "s", ["${aws_kinesis_stream.s.arn}"]],
    ["an existing bus's name", { destinations: { bus: { type: "eventbridge", arn: `arn:aws:events:us-east-2:${ACCOUNT}:event-bus/b` } } }, "bus", [`arn:aws:events:us-east-2:${ACCOUNT}:event-bus/b`]],
    ["<bucket>/*", { destinations: { b: { type: "s3" } } }, "b/*", ["${aws_s3_bucket.b.arn}/*"]],
    ["<existing bucket>/*", { destinations: { b: { type: "s3", arn: "arn:aws:s3:::team-bucket" } } }, "b/*", ["arn:aws:s3:::team-bucket/*"]],
    ["an existing function's name", { functions: { g: { arn: `arn:aws:lambda:us-east-2:${ACCOUNT}:function:g:live` } } }, "g", [`arn:aws:lambda:us-east-2:${ACCOUNT}:function:g`]],
  ])("grants on %s", (_name, sections, resource, want) => {
    const spec = { ...sections, functions: { ...(sections.functions as object), f: { ...s3Code, policies: [{ actions: ["x:Y"], resources: [resource] }] } } };
    expect(statementsOf(spec).at(-1)).toEqual({ sid: "Policy1", actions: ["x:Y"], resources: want });
  });

  it("puts the statements of a function with its own role into the same role policy", () => {
    const plan = planOf({ functions: { f: { ...s3Code, role: `arn:aws:iam::${ACCOUNT}:role/team`, policies: [{ actions: ["dynamodb:GetItem"], resources: [TABLE] }] } } });
    expect(plain(findResource(plan, "aws_iam_role_policy.f")!.body)).toMatchObject({ role: "team", policy: "${data.aws_iam_policy_document.f.json}" });
    expect((plain(findResource(plan, "data.aws_iam_policy_document.f")!.body).statement as unknown[]).at(-1)).toMatchObject({ sid: "Policy1", resources: [TABLE] });
  });

  it("gives an existing function with a role its statements; without one, prints them in the required policy", () => {
    const arn = `arn:aws:lambda:us-east-2:${ACCOUNT}:function:billing`;
    const policies = [{ actions: ["dynamodb:GetItem"], resources: [TABLE] }];
    expect(statementsOf({ functions: { f: { arn, role: "billing-role", policies } } })).toEqual([{ sid: "Policy1", actions: ["dynamodb:GetItem"], resources: [TABLE] }]);
    const plan = planOf({ functions: { f: { arn, policies } } });
    expect(addresses(plan)).toEqual(["data.aws_iam_policy_document.f"]);
    expect(plan.outputs.map((o) => o.name)).toEqual(["f_required_policy_json"]);
  });

  it("applies policies from defaults to every created function, and a function's own replace them", () => {
    const defaults = { policies: [{ sid: "ReadConfig", actions: ["ssm:GetParameter"], resources: [`arn:aws:ssm:us-east-2:${ACCOUNT}:parameter/app/*`] }] };
    const sections = { defaults, functions: { f: s3Code, g: { ...s3Code, policies: [{ actions: ["dynamodb:GetItem"], resources: [TABLE] }] } } };
    expect(statementsOf(sections, "f").map((s) => s.sid)).toEqual(["WriteLogs", "ReadConfig"]);
    expect(statementsOf(sections, "g").map((s) => s.sid)).toEqual(["WriteLogs", "Policy1"]);
  });
});

describe("managedPolicies, permissionsBoundary and vpc", () => {
  const VPC = { subnets: ["subnet-0a1b2c3d", "subnet-0e1f2a3b"], securityGroups: ["sg-0a1b2c3d"] };
  const READ_ONLY = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess";
  const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/team-boundary`;
  const VPC_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";

  it.each<[string, Record<string, unknown>, Record<string, Record<string, unknown> | undefined>]>([
    [
      "managedPolicies: one attachment each, labelled by policy name",
      { functions: { f: { ...s3Code, managedPolicies: [READ_ONLY, `arn:aws:iam::${ACCOUNT}:policy/team/reader`] } } },
      {
        "aws_iam_role_policy_attachment.f_AmazonDynamoDBReadOnlyAccess": { role: "${aws_iam_role.f.name}", policy_arn: READ_ONLY },
        "aws_iam_role_policy_attachment.f_reader": { role: "${aws_iam_role.f.name}", policy_arn: `arn:aws:iam::${ACCOUNT}:policy/team/reader` },
      },
    ],
    [
      "managedPolicies on a function's own role",
      { functions: { f: { ...s3Code, role: `arn:aws:iam::${ACCOUNT}:role/team`, managedPolicies: [READ_ONLY] } } },
      { "aws_iam_role_policy_attachment.f_AmazonDynamoDBReadOnlyAccess": { role: "team", policy_arn: READ_ONLY }, "aws_iam_role.f": undefined },
    ],
    [
      "permissionsBoundary on the created role",
      { functions: { f: { ...s3Code, permissionsBoundary: BOUNDARY } } },
      { "aws_iam_role.f": { name: "app-f", permissions_boundary: BOUNDARY } },
    ],
    [
      "permissionsBoundary from defaults, not on a function with its own role",
      { defaults: { permissionsBoundary: BOUNDARY }, functions: { f: s3Code, g: { ...s3Code, role: `arn:aws:iam::${ACCOUNT}:role/team` } } },
      { "aws_iam_role.f": { permissions_boundary: BOUNDARY }, "aws_iam_role.g": undefined },
    ],
    [
      "vpc: vpc_config, and AWS's VPC access policy",
      { functions: { f: { ...s3Code, vpc: VPC } } },
      {
        "aws_lambda_function.f": { vpc_config: [{ subnet_ids: VPC.subnets, security_group_ids: VPC.securityGroups }] },
        "aws_iam_role_policy_attachment.f_vpc": { role: "${aws_iam_role.f.name}", policy_arn: VPC_POLICY },
      },
    ],
    [
      "vpc from defaults, with the VPC policy also listed in managedPolicies: attached once",
      { defaults: { vpc: VPC }, functions: { f: { ...s3Code, managedPolicies: [VPC_POLICY] } } },
      { "aws_iam_role_policy_attachment.f_vpc": { policy_arn: VPC_POLICY }, "aws_iam_role_policy_attachment.f_AWSLambdaVPCAccessExecutionRole": undefined },
    ],
  ])("%s", (_name, sections, want) => {
    const plan = planOf(sections);
    for (const [addr, values] of Object.entries(want)) {
      const r = findResource(plan, addr);
      if (values === undefined) expect({ addr, r }).toEqual({ addr, r: undefined });
      else expect({ addr, body: r && plain(r.body) }).toEqual({ addr, body: expect.objectContaining(values) });
    }
  });

  it("creates a VPC function, its mappings and invoke config only after every grant is attached", () => {
    const plan = planOf({ sources: { s: { type: "sqs" } }, functions: { f: { ...s3Code, ...triggered, vpc: VPC, async: { retries: 0 }, events: [{ source: "s" }] } } });
    const grants = ["aws_iam_role_policy.f", "aws_iam_role_policy_attachment.f_vpc"];
    expect(findResource(plan, "aws_lambda_function.f")!.dependsOn).toEqual(["aws_cloudwatch_log_group.f", ...grants]);
    expect(findResource(plan, "aws_lambda_event_source_mapping.f_s")!.dependsOn).toEqual(grants);
    expect(findResource(plan, "aws_lambda_function_event_invoke_config.f")!.dependsOn).toEqual(grants);
  });
});

describe("qualifier on a created function: a published version behind an alias", () => {
  const sections = {
    sources: { s: { type: "sqs" } },
    functions: {
      f: {
        ...s3Code,
        triggers: [{ schedule: "rate(1 hour)" }, { s3: { bucket: "uploads" } }, { sns: `arn:aws:sns:us-east-2:${ACCOUNT}:t` }],
        qualifier: "live",
        async: { retries: 0, onFailure: { type: "sqs" } },
        events: [{ source: "s" }],
      },
    },
  };

  it.each<[string, Record<string, unknown>]>([
    ["aws_lambda_function.f", { publish: true }],
    ["aws_lambda_alias.f", { name: "live", function_name: "${aws_lambda_function.f.function_name}", function_version: "${aws_lambda_function.f.version}" }],
    ["aws_lambda_function_event_invoke_config.f", { function_name: "${aws_lambda_function.f.function_name}", qualifier: "${aws_lambda_alias.f.name}" }],
    ["aws_lambda_event_source_mapping.f_s", { function_name: "${aws_lambda_alias.f.arn}" }],
    ["aws_cloudwatch_event_target.f_schedule", { arn: "${aws_lambda_alias.f.arn}" }],
    ["aws_lambda_permission.f_schedule", { function_name: "${aws_lambda_function.f.function_name}", qualifier: "${aws_lambda_alias.f.name}" }],
    ["aws_lambda_permission.f_s3", { qualifier: "${aws_lambda_alias.f.name}" }],
    ["aws_s3_bucket_notification.uploads", { lambda_function: [expect.objectContaining({ lambda_function_arn: "${aws_lambda_alias.f.arn}" })] }],
    ["aws_sns_topic_subscription.f_sns", { endpoint: "${aws_lambda_alias.f.arn}" }],
  ])("%s attaches to the alias", (addr, want) => expect(body(sections, addr)).toMatchObject(want));

  it("names the alias in the outputs", () => {
    const outputs = Object.fromEntries(planOf(sections).outputs.map((o) => [o.name, plain([{ attr: "v", value: o.value }]).v]));
    expect(outputs).toMatchObject({ f_arn: "${aws_lambda_function.f.arn}", f_alias_arn: "${aws_lambda_alias.f.arn}" });
  });

  it("publishes nothing and creates no alias without a qualifier", () => {
    const plan = planOf({ functions: { f: s3Code } });
    expect(addresses(plan).filter((a) => a.startsWith("aws_lambda_alias."))).toEqual([]);
    expect(plain(findResource(plan, "aws_lambda_function.f")!.body).publish).toBeUndefined();
  });
});

describe("image functions", () => {
  const IMAGE = { image: `${ACCOUNT}.dkr.ecr.us-east-2.amazonaws.com/f:1` };
  it("take no runtime, handler or layers from defaults", () => {
    const defaults = { runtime: "nodejs22.x", handler: "index.handler", layers: [`arn:aws:lambda:us-east-2:${ACCOUNT}:layer:deps:1`], memory: 512 };
    const fn = body({ defaults, functions: { f: { code: IMAGE }, g: { code: "s3://b/g.zip" } } }, "aws_lambda_function.f");
    expect([fn.package_type, fn.runtime, fn.handler, fn.layers, fn.memory_size]).toEqual(["Image", undefined, undefined, undefined, 512]);
    expect(body({ defaults, functions: { f: { code: IMAGE }, g: { code: "s3://b/g.zip" } } }, "aws_lambda_function.g")).toMatchObject({ runtime: "nodejs22.x", layers: defaults.layers });
  });
});

describe("secure defaults and outputs", () => {
  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    ["a log group keeps 30 days by default", { functions: { f: s3Code } }, "aws_cloudwatch_log_group.f", { retention_in_days: 30 }],
    ["a log group keeps what logRetention says", { functions: { f: { ...s3Code, logRetention: 14 } } }, "aws_cloudwatch_log_group.f", { retention_in_days: 14 }],
    ["a created queue is encrypted with SQS-managed keys", { destinations: { q: { type: "sqs" } }, functions: { f: { ...s3Code, ...triggered, async: { onFailure: "q" } } } }, "aws_sqs_queue.q", { sqs_managed_sse_enabled: true }],
    ["an inline queue is encrypted too", { functions: { f: { ...s3Code, ...triggered, async: { onFailure: { type: "sqs" } } } } }, "aws_sqs_queue.f_on_failure", { sqs_managed_sse_enabled: true }],
  ])("%s", (_name, sections, addr, want) => expect(body(sections, addr)).toMatchObject(want));

  it("uses the spec's KMS key instead of SQS-managed keys when it has one", () => {
    const key = `arn:aws:kms:us-east-2:${ACCOUNT}:key/k`;
    const queue = body({ sources: { s: { type: "sqs", kmsKey: key } }, functions: { f: { ...s3Code, events: [{ source: "s" }] } } }, "aws_sqs_queue.s");
    expect([queue.kms_master_key_id, queue.sqs_managed_sse_enabled]).toEqual([key, undefined]);
  });

  it("outputs each created function's name, role and log group beside its ARN", () => {
    const outputs = planOf({ functions: { f: s3Code, g: { ...s3Code, role: `arn:aws:iam::${ACCOUNT}:role/team/g-role` } } }).outputs;
    const values = Object.fromEntries(outputs.map((o) => [o.name, plain([{ attr: "v", value: o.value }]).v]));
    expect(values).toEqual({
      f_arn: "${aws_lambda_function.f.arn}",
      f_function_name: "${aws_lambda_function.f.function_name}",
      f_role_name: "${aws_iam_role.f.name}",
      f_role_arn: "${aws_iam_role.f.arn}",
      f_log_group_name: "${aws_cloudwatch_log_group.f.name}",
      g_arn: "${aws_lambda_function.g.arn}",
      g_function_name: "${aws_lambda_function.g.function_name}",
      g_role_name: "g-role",
      g_role_arn: `arn:aws:iam::${ACCOUNT}:role/team/g-role`,
      g_log_group_name: "${aws_cloudwatch_log_group.g.name}",
    });
  });
});

describe("defaults.async only where something invokes the function asynchronously", () => {
  const sections = {
    defaults: { runtime: "nodejs22.x", handler: "index.handler", async: { retries: 1, onFailure: "failures" } },
    destinations: { failures: { type: "sqs" } },
    sources: { jobs: { type: "sqs" } },
    functions: {
      triggered: { code: "s3://b/t.zip", ...triggered, async: { onSuccess: "next" } },
      next: { code: "s3://b/n.zip" },
      polled: { code: "s3://b/p.zip", events: [{ source: "jobs" }] },
    },
  };

  it("writes invoke configs for the triggered function and its Lambda destination only", () => {
    const plan = planOf(sections);
    expect(addresses(plan).filter((a) => a.startsWith("aws_lambda_function_event_invoke_config."))).toEqual([
      "aws_lambda_function_event_invoke_config.next",
      "aws_lambda_function_event_invoke_config.triggered",
    ]);
  });

  it("grants the failure target only to functions whose config uses it", () => {
    expect(statementsOf(sections, "polled").map((s) => s.sid)).toEqual(["ReadFromJobs", "WriteLogs"]);
    expect(statementsOf(sections, "next").map((s) => s.sid)).toEqual(["SendToFailures", "WriteLogs"]);
  });

  it("draws no destination edges from a function only mappings invoke", () => {
    const model = check(specYaml(sections), "spec.yaml").model!;
    const dot = graph(model, "dot");
    const ids = Object.fromEntries([...dot.matchAll(/^\s*(n\d+) \[label="([^"]+)"/gm)].map((m) => [m[2], m[1]]));
    const edges = [...dot.matchAll(/^\s*(n\d+) -> (n\d+)/gm)].map((m) => `${m[1]}->${m[2]}`);
    const edge = (from: string, to: string) => `${ids[from]}->${ids[to]}`;
    expect(edges).toEqual(expect.arrayContaining([edge("triggered", "next"), edge("triggered", "failures"), edge("next", "failures"), edge("jobs", "polled")]));
    expect(edges).not.toContain(edge("polled", "failures"));
  });

  it("reports nothing about the function only mappings invoke", () => {
    expect(diagnose(sections)).toEqual([]);
  });
});

describe("account and partition", () => {
  const s3Trigger = { triggers: [{ s3: { bucket: "uploads" } }] };
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["with account, an S3 permission carries source_account", { account: ACCOUNT }, { source_arn: "arn:aws:s3:::uploads", source_account: ACCOUNT }],
    ["without account, none", {}, { source_arn: "arn:aws:s3:::uploads", source_account: undefined }],
    ["in aws-cn, the bucket ARN is in aws-cn", { partition: "aws-cn", account: ACCOUNT }, { source_arn: "arn:aws-cn:s3:::uploads", source_account: ACCOUNT }],
  ])("%s", (_name, top, want) => {
    const permission = body({ ...top, functions: { f: { ...s3Code, ...s3Trigger } } }, "aws_lambda_permission.f_s3");
    expect({ source_arn: permission.source_arn, source_account: permission.source_account }).toEqual(want);
  });

  it("gives no source_account to the permissions of other triggers", () => {
    const sections = { account: ACCOUNT, functions: { f: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }, { sns: `arn:aws:sns:us-east-2:${ACCOUNT}:t` }] } } };
    for (const label of ["f_schedule", "f_sns"]) expect(body(sections, `aws_lambda_permission.${label}`).source_account).toBeUndefined();
  });

  it("composes AWS managed policy ARNs in the spec's partition", () => {
    const plan = planOf({ partition: "aws-cn", functions: { f: { ...s3Code, tracing: "Active", vpc: { subnets: ["subnet-1a"], securityGroups: ["sg-1a"] } } } });
    expect(plain(findResource(plan, "aws_iam_role_policy_attachment.f_tracing")!.body).policy_arn).toBe("arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess");
    expect(plain(findResource(plan, "aws_iam_role_policy_attachment.f_vpc")!.body).policy_arn).toBe("arn:aws-cn:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
  });

  it("accepts ARNs in its own partition", () => {
    const role = "arn:aws-us-gov:iam::123456789012:role/team";
    expect(diagnose({ partition: "aws-us-gov", functions: { f: { ...s3Code, role, deadLetterQueue: "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:dlq" } } })).toEqual([]);
  });

  it("treats a destination in another account than `account` as cross-account", () => {
    const got = diagnose({ account: ACCOUNT, functions: { f: { ...s3Code, ...triggered, async: { onFailure: "arn:aws:sqs:us-east-2:210987654321:failures" } } } });
    expect(got).toEqual([expect.stringMatching(/^\d+ LD701 functions\.f\.async\.onFailure$/)]);
    expect(diagnose({ account: ACCOUNT, functions: { f: { ...s3Code, ...triggered, async: { onFailure: `arn:aws:sqs:us-east-2:${ACCOUNT}:failures` } } } })).toEqual([]);
  });
});

describe("bad input: a diagnostic at its line", () => {
  const fn = (extra: Record<string, unknown>) => ({ functions: { f: { ...s3Code, ...extra } } });
  const cases: [string, Record<string, unknown>, string[]][] = [
    ["a malformed ARN in policies", fn({ policies: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:bucket"] }] }), ["LD151 functions.f.policies[0].resources[0]"]],
    ["a dangling name in policies", fn({ policies: [{ actions: ["s3:GetObject"], resources: ["archive/*"] }] }), ["LD201 functions.f.policies[0].resources[0]"]],
    ["a name of an entry without an ARN", { sources: { k: { type: "kafka", bootstrapServers: ["b:9092"], topic: "t" } }, ...fn({ policies: [{ actions: ["kafka:X"], resources: ["k"] }] }) }, ["LD151 functions.f.policies[0].resources[0]"]],
    ["an action without a service prefix", fn({ policies: [{ actions: ["GetObject"], resources: ["*"] }] }), ["LD150 functions.f.policies[0].actions[0]", "LD250 functions.f.policies[0].resources[0]"]],
    ["a statement without actions", fn({ policies: [{ actions: [], resources: [TABLE] }] }), ["LD103 functions.f.policies[0].actions"]],
    ["a sid with a dash", fn({ policies: [{ sid: "read-orders", actions: ["dynamodb:GetItem"], resources: [TABLE] }] }), ["LD154 functions.f.policies[0].sid"]],
    ["a sid ldgen uses for an edge", fn({ policies: [{ sid: "WriteLogs", actions: ["dynamodb:GetItem"], resources: [TABLE] }] }), ["LD154 functions.f.policies[0].sid"]],
    ["a vpc with security groups but no subnets", fn({ vpc: { securityGroups: ["sg-0a"] } }), ["LD152 functions.f.vpc"]],
    ["a vpc with subnets but no security groups", fn({ vpc: { subnets: ["subnet-0a"], securityGroups: [] } }), ["LD152 functions.f.vpc"]],
    ["a vpc with a malformed subnet id", fn({ vpc: { subnets: ["0a"], securityGroups: ["sg-0a"] } }), ["LD107 functions.f.vpc.subnets[0]"]],
    ["a vpc with 17 subnets", fn({ vpc: { subnets: Array.from({ length: 17 }, (_, i) => `subnet-${i}a`), securityGroups: ["sg-0a"] } }), ["LD106 functions.f.vpc.subnets[16]"]],
    ["an alias named $LATEST", fn({ qualifier: "$LATEST" }), ["LD153 functions.f.qualifier"]],
    ["an alias named by a number", fn({ qualifier: "7" }), ["LD153 functions.f.qualifier"]],
    ["an alias of 129 characters", fn({ qualifier: "a".repeat(129) }), ["LD153 functions.f.qualifier"]],
    ["a runtime on an image function", { functions: { f: { code: { image: "r/f:1" }, runtime: "nodejs22.x" } } }, ["LD210 functions.f.runtime"]],
    ["layers on an image function", { functions: { f: { code: { image: "r/f:1" }, layers: ["arn:aws:lambda:us-east-2:123456789012:layer:x:1"] } } }, ["LD210 functions.f.layers"]],
    ["a permissions boundary with the function's own role", fn({ role: "arn:aws:iam::123456789012:role/r", permissionsBoundary: "arn:aws:iam::123456789012:policy/b" }), ["LD210 functions.f.permissionsBoundary"]],
    ["a managed policy that is not a policy ARN", fn({ managedPolicies: ["AmazonS3ReadOnlyAccess"] }), ["LD107 functions.f.managedPolicies[0]"]],
    ["managed policies on an existing function without role", { functions: { f: { arn: "arn:aws:lambda:us-east-2:123456789012:function:f", managedPolicies: ["arn:aws:iam::aws:policy/X"] } } }, ["LD210 functions.f.managedPolicies"]],
    ["a vpc on an existing function", { functions: { f: { arn: "arn:aws:lambda:us-east-2:123456789012:function:f", vpc: { subnets: ["subnet-0a"], securityGroups: ["sg-0a"] } } } }, ["LD210 functions.f.vpc"]],
    ["an account that is not 12 digits", { account: "12345", ...fn({}) }, ["LD107 account"]],
    ["a role in another partition", { partition: "aws-cn", ...fn({ role: "arn:aws:iam::123456789012:role/r" }) }, ["LD730 functions.f.role"]],
  ];
  it.each(cases)("%s", (_name, sections, want) => {
    const text = specYaml(sections);
    const got = check(text, "spec.yaml").diagnostics;
    expect(got.map((d) => `${d.code} ${d.path}`)).toEqual(want);
    // Each points at the line of the offending key or value.
    for (const d of got) {
      const last = d.path.split(/[.[\]]+/).filter(Boolean).pop()!;
      const line = text.split("\n")[d.line - 1];
      expect({ path: d.path, line }).toEqual({ path: d.path, line: /^\d+$/.test(last) ? expect.stringMatching(/^\s*- /) : expect.stringContaining(`${last}:`) });
    }
  });

  it.each<[string, Record<string, unknown>]>([
    ["an alias of 128 characters", { qualifier: "a".repeat(128) }],
    ["an alias with '-' and '_'", { qualifier: "blue-green_2" }],
    ["an action with wildcards", { policies: [{ actions: ["s3:Get*", "s3:?etObject"], resources: [TABLE] }] }],
    ["a customer managed policy and boundary", { managedPolicies: ["arn:aws:iam::123456789012:policy/team/reader"], permissionsBoundary: "arn:aws:iam::123456789012:policy/b" }],
    ["16 subnets and 5 security groups", { vpc: { subnets: Array.from({ length: 16 }, (_, i) => `subnet-${i}a`), securityGroups: Array.from({ length: 5 }, (_, i) => `sg-${i}a`) } }],
  ])("accepts %s", (_name, extra) => expect(diagnose(fn(extra))).toEqual([]));
});
