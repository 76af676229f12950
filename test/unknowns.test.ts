import { importShow } from "../generator";
import type { StateResource } from "../generator/import/read";
import { fillUnknowns, loosen, PLACEHOLDER_ACCOUNT } from "../generator/import/unknowns";

/**
 * A plan's values that Terraform knows only after apply (generator/import/unknowns.ts): what AWS makes from a name,
 * what a reference in the configuration names, a policy document rendered from them, and what stays unknown.
 * (Every example's and hand-written root's first plan, against its state: test/import-terraform.test.ts.)
 */

const AWS = "registry.terraform.io/hashicorp/aws";

interface R {
  address: string;
  values: Record<string, unknown>;
  unknown?: Record<string, unknown>;
  expressions?: Record<string, unknown>;
  mode?: "managed" | "data";
}

const ref = (...references: string[]) => ({ references });
const constant = (v: unknown) => ({ constant_value: v });

/** `terraform show -json` of a plan that creates `resources` (in the root module, or in `module.<m>`). */
function planOf(resources: R[], extra: { account?: string; modules?: Record<string, { expressions: Record<string, unknown> }>; region?: unknown; variables?: Record<string, { value: unknown }> } = {}) {
  const split = (address: string) => {
    const m = /^((?:module\.[^.[]+(?:\[[^\]]+\])?\.)*)((?:data\.)?)([^.]+)\.([^[]+)(?:\[(.+)\])?$/.exec(address)!;
    return { module: m[1].replace(/\.$/, ""), data: m[2] !== "", type: m[3], name: m[4], index: m[5] === undefined ? undefined : (JSON.parse(m[5]) as unknown) };
  };
  const rootModule: { resources: object[]; child_modules: { address: string; resources: object[] }[] } = { resources: [], child_modules: [] };
  const config: { resources: object[]; module_calls: Record<string, { expressions: Record<string, unknown>; module: { resources: object[] } }> } = { resources: [], module_calls: {} };
  for (const [name, call] of Object.entries(extra.modules ?? {})) config.module_calls[name] = { expressions: call.expressions, module: { resources: [] } };
  for (const r of resources) {
    const s = split(r.address);
    const shown = { address: r.address, mode: s.data ? "data" : "managed", type: s.type, name: s.name, ...(s.index !== undefined && { index: s.index }), provider_name: AWS, values: r.values };
    if (s.module) {
      let child = rootModule.child_modules.find((c) => c.address === s.module);
      if (!child) rootModule.child_modules.push((child = { address: s.module, resources: [] }));
      child.resources.push(shown);
    } else rootModule.resources.push(shown);
    const where = s.module ? config.module_calls[s.module.replace(/^module\.|\[.*$/g, "")].module : config;
    if (!where.resources.some((c) => (c as { address: string }).address === `${s.data ? "data." : ""}${s.type}.${s.name}`)) {
      where.resources.push({ address: `${s.data ? "data." : ""}${s.type}.${s.name}`, mode: s.data ? "data" : "managed", type: s.type, name: s.name, expressions: r.expressions ?? {} });
    }
  }
  return {
    format_version: "1.2",
    planned_values: { root_module: rootModule },
    resource_changes: resources.map((r) => ({ address: r.address, change: { actions: [r.address.startsWith("data.") || r.address.includes(".data.") ? "read" : "create"], after: r.values, after_unknown: r.unknown ?? {} } })),
    configuration: { provider_config: { aws: { name: "aws", expressions: { region: extra.region ?? constant("eu-west-1") } } }, root_module: config },
    ...(extra.variables && { variables: extra.variables }),
  };
}

function resourcesOf(plan: ReturnType<typeof planOf>): StateResource[] {
  const out: StateResource[] = [];
  const walk = (m: { address?: string; resources?: object[]; child_modules?: object[] }) => {
    for (const raw of (m.resources ?? []) as { address: string; mode: string; type: string; name: string; index?: string | number; values: Record<string, unknown> }[]) {
      out.push({ address: raw.address, module: m.address ?? "", mode: raw.mode === "data" ? "data" : "managed", type: raw.type, name: raw.name, ...(raw.index !== undefined && { index: raw.index }), provider: AWS, values: structuredClone(raw.values) });
    }
    for (const c of (m.child_modules ?? []) as object[]) walk(c);
  };
  walk(plan.planned_values.root_module);
  return out;
}

const queue = (label: string, name: string): R => ({ address: `aws_sqs_queue.${label}`, values: { name }, unknown: { arn: true, id: true, url: true } });
const fn = (label: string, name: string, extra: Partial<R> = {}): R => ({
  address: `aws_lambda_function.${label}`,
  values: { function_name: name, runtime: "nodejs22.x", handler: "index.handler", s3_bucket: "artifacts", s3_key: `${name}.zip`, ...(extra.values ?? {}) },
  unknown: { arn: true, id: true, qualified_arn: true, invoke_arn: true, role: true, version: true, ...(extra.unknown ?? {}) },
  expressions: { role: ref(`aws_iam_role.${label}.arn`, `aws_iam_role.${label}`), ...(extra.expressions ?? {}) },
});
const role = (label: string, name: string): R => ({ address: `aws_iam_role.${label}`, values: { name, assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }] }) }, unknown: { arn: true, id: true } });

function filled(resources: R[], extra?: Parameters<typeof planOf>[1]) {
  const plan = planOf(resources, extra);
  const list = resourcesOf(plan);
  const result = fillUnknowns(plan, list);
  return { ...result, values: (address: string) => list.find((r) => r.address === address)!.values };
}

describe("a plan's unknown values", () => {
  it("are made as AWS makes them from the names, in the provider's region; an account the plan does not name is the placeholder", () => {
    const f = filled([queue("jobs", "shop-jobs"), role("worker", "shop-worker"), fn("worker", "shop-worker")]);
    expect(f.values("aws_sqs_queue.jobs")).toMatchObject({ arn: `arn:aws:sqs:eu-west-1:${PLACEHOLDER_ACCOUNT}:shop-jobs`, url: `https://sqs.eu-west-1.amazonaws.com/${PLACEHOLDER_ACCOUNT}/shop-jobs` });
    expect(f.values("aws_iam_role.worker").arn).toBe(`arn:aws:iam::${PLACEHOLDER_ACCOUNT}:role/shop-worker`);
    expect(f.values("aws_lambda_function.worker")).toMatchObject({ arn: `arn:aws:lambda:eu-west-1:${PLACEHOLDER_ACCOUNT}:function:shop-worker`, role: `arn:aws:iam::${PLACEHOLDER_ACCOUNT}:role/shop-worker` });
    expect(f.placeholderAccount).toBe(PLACEHOLDER_ACCOUNT);
    // (no publish: the version is $LATEST; what the provider computes from nothing is left unknown)
    expect(f.values("aws_lambda_function.worker").version).toBe("$LATEST");
    expect(f.unknown.size).toBe(0);
  });

  it("take the account the plan's ARNs name", () => {
    const f = filled([queue("jobs", "shop-jobs"), { address: "aws_sns_topic_subscription.x", values: { topic_arn: "arn:aws:sns:eu-west-1:210987654321:other", protocol: "email", endpoint: "a@b.c" } }]);
    expect(f.values("aws_sqs_queue.jobs").arn).toBe("arn:aws:sqs:eu-west-1:210987654321:shop-jobs");
    expect(f.placeholderAccount).toBeUndefined();
  });

  it("follow references through for_each keys, list elements, map entries and module variables", () => {
    const f = filled(
      [
        { ...queue("x", "shop-a"), address: 'aws_sqs_queue.this["a"]' },
        { ...queue("x", "shop-b"), address: 'aws_sqs_queue.this["b"]' },
        { address: 'aws_lambda_event_source_mapping.m["b"]', values: { function_name: "shop-worker" }, unknown: { event_source_arn: true }, expressions: { event_source_arn: ref("aws_sqs_queue.this", "each.key") } },
        { address: "aws_cloudwatch_metric_alarm.deep", values: { alarm_name: "deep", dimensions: { QueueName: "shop-a" } }, unknown: { alarm_actions: true }, expressions: { alarm_actions: ref('aws_sqs_queue.this["a"].arn', 'aws_sqs_queue.this["a"]') } },
        { address: "aws_iam_role_policy.p", values: { name: "p", role: "r" }, unknown: { policy: true }, expressions: { policy: ref("data.aws_iam_policy_document.p.json", "data.aws_iam_policy_document.p") } },
        {
          address: "data.aws_iam_policy_document.p",
          values: { statement: [{ sid: "Send", effect: "Allow", actions: ["sqs:SendMessage"], resources: [null, "arn:aws:sqs:eu-west-1:123456789012:fixed", null], principals: [], condition: [] }] },
          unknown: { json: true, minified_json: true, id: true, statement: [{ resources: [true, false, true] }] },
          expressions: { statement: [{ resources: ref('aws_sqs_queue.this["a"].arn', 'aws_sqs_queue.this["a"]', 'aws_sqs_queue.this["b"].arn', 'aws_sqs_queue.this["b"]') }] },
        },
        { address: "module.w.aws_lambda_function.this", values: { function_name: "shop-w", environment: [{ variables: { QUEUE: null, MODE: "fast" } }] }, unknown: { environment: [{ variables: { QUEUE: true } }] }, expressions: { environment: [{ variables: ref("var.queue_url") }] } },
      ],
      { modules: { w: { expressions: { queue_url: ref('aws_sqs_queue.this["b"].url', 'aws_sqs_queue.this["b"]') } } } },
    );
    const a = "arn:aws:sqs:eu-west-1:123456789012:shop-a";
    const b = "arn:aws:sqs:eu-west-1:123456789012:shop-b";
    expect(f.values('aws_lambda_event_source_mapping.m["b"]').event_source_arn).toBe(b);
    expect(f.values("aws_cloudwatch_metric_alarm.deep").alarm_actions).toEqual([a]);
    expect(JSON.parse(String(f.values("aws_iam_role_policy.p").policy))).toEqual({ Version: "2012-10-17", Statement: [{ Sid: "Send", Effect: "Allow", Action: "sqs:SendMessage", Resource: [a, b, "arn:aws:sqs:eu-west-1:123456789012:fixed"].sort() }] });
    expect((f.values("module.w.aws_lambda_function.this").environment as { variables: object }[])[0].variables).toEqual({ QUEUE: "https://sqs.eu-west-1.amazonaws.com/123456789012/shop-b", MODE: "fast" });
    expect(f.unknown.size).toBe(0);
  });

  it("leave a JSON document made from references unknown, but for a redrive policy's queues (with a note for its count)", () => {
    const f = filled([
      queue("dlq", "shop-dlq"),
      { ...queue("jobs", "shop-jobs"), unknown: { arn: true, id: true, url: true, redrive_policy: true }, expressions: { redrive_policy: ref("aws_sqs_queue.dlq.arn", "aws_sqs_queue.dlq") } },
      { address: "aws_sqs_queue_policy.p", values: {}, unknown: { policy: true, queue_url: true }, expressions: { policy: ref("aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs"), queue_url: ref("aws_sqs_queue.jobs.url", "aws_sqs_queue.jobs") } },
    ]);
    expect(JSON.parse(String(f.values("aws_sqs_queue.jobs").redrive_policy))).toEqual({ deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${PLACEHOLDER_ACCOUNT}:shop-dlq` });
    expect(f.notes).toEqual([expect.objectContaining({ address: "aws_sqs_queue.jobs", attribute: "redrive_policy", message: expect.stringMatching(/maxReceiveCount/) })]);
    // (jsonencode of the queue's ARN is not its ARN)
    expect(f.values("aws_sqs_queue_policy.p").policy).toBeUndefined();
    expect(f.values("aws_sqs_queue_policy.p").queue_url).toBe(`https://sqs.eu-west-1.amazonaws.com/${PLACEHOLDER_ACCOUNT}/shop-jobs`);
    expect([...f.referring.get("aws_sqs_queue_policy.p")!]).toEqual(["policy"]);
  });

  it("an update's unknown value is not the prior state's", () => {
    const old = "arn:aws:iam::123456789012:role/shop-worker-old";
    const f = filled([role("worker", "shop-worker"), fn("worker", "shop-worker", { values: { role: old }, unknown: { role: true } })]);
    expect(f.values("aws_lambda_function.worker").role).toBe("arn:aws:iam::123456789012:role/shop-worker");
  });

  it("follow an index only from the instance itself: each.key and count.index, not each.value or a local", () => {
    const queues = [
      { ...queue("x", "shop-a"), address: 'aws_sqs_queue.this["a"]' },
      { ...queue("x", "shop-b"), address: 'aws_sqs_queue.this["b"]' },
    ];
    const mapping = (key: string, refs: string[]): R => ({ address: `aws_lambda_event_source_mapping.m["${key}"]`, values: { function_name: "shop-worker" }, unknown: { event_source_arn: true }, expressions: { event_source_arn: ref(...refs) } });
    const f = filled([...queues, mapping("a", ["aws_sqs_queue.this", "each.value.queue"]), mapping("b", ["aws_sqs_queue.this", "local.which"]), { address: "aws_lambda_event_source_mapping.whole", values: {}, unknown: { event_source_arn: true }, expressions: { event_source_arn: ref("aws_sqs_queue.this") } }]);
    for (const m of ['aws_lambda_event_source_mapping.m["a"]', 'aws_lambda_event_source_mapping.m["b"]', "aws_lambda_event_source_mapping.whole"]) expect(f.values(m).event_source_arn ?? null).toBeNull();
    expect([...f.referring.keys()].sort()).toEqual(['aws_lambda_event_source_mapping.m["a"]', 'aws_lambda_event_source_mapping.m["b"]', "aws_lambda_event_source_mapping.whole"]);
  });

  it("a part of a module variable only when the variable is one value", () => {
    const f = filled(
      [
        { ...queue("a", "shop-alerts"), address: "aws_sns_topic.alerts", values: { name: "shop-alerts" } },
        { ...queue("p", "shop-pager"), address: "aws_sns_topic.pager", values: { name: "shop-pager" } },
        { address: "module.svc.aws_cloudwatch_metric_alarm.errors", values: { alarm_name: "errors" }, unknown: { alarm_actions: true }, expressions: { alarm_actions: ref('var.topics["alerts"]', "var.topics") } },
      ],
      { modules: { svc: { expressions: { topics: ref("aws_sns_topic.alerts.arn", "aws_sns_topic.alerts", "aws_sns_topic.pager.arn", "aws_sns_topic.pager") } } } },
    );
    expect(f.values("module.svc.aws_cloudwatch_metric_alarm.errors").alarm_actions).toBeUndefined();
  });

  it("a policy statement's one resource is a list, and the document keeps it", () => {
    const f = filled([queue("jobs", "shop-jobs"), { address: "data.aws_iam_policy_document.p", values: { statement: [{ sid: "Send", effect: "Allow", actions: ["sqs:SendMessage"], principals: [], condition: [] }] }, unknown: { json: true, minified_json: true, id: true, statement: [{ resources: true }] }, expressions: { statement: [{ resources: ref("aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs") }] } }]);
    expect(JSON.parse(String(f.values("data.aws_iam_policy_document.p").json)).Statement[0].Resource).toBe(`arn:aws:sqs:eu-west-1:${PLACEHOLDER_ACCOUNT}:shop-jobs`);
  });

  it.each([
    ["cn-north-1", "arn:aws-cn:sqs:cn-north-1:000000000000:shop-jobs", "https://sqs.cn-north-1.amazonaws.com.cn/000000000000/shop-jobs"],
    ["us-gov-west-1", "arn:aws-us-gov:sqs:us-gov-west-1:000000000000:shop-jobs", "https://sqs.us-gov-west-1.amazonaws.com/000000000000/shop-jobs"],
  ])("in %s, ARNs and URLs of its partition", (region, arnText, url) => {
    const f = filled([queue("jobs", "shop-jobs")], { region: constant(region) });
    expect(f.values("aws_sqs_queue.jobs")).toMatchObject({ arn: arnText, url });
  });

  it("the region of a root variable; none at all is guessed and said", () => {
    expect(filled([queue("jobs", "shop-jobs")], { region: ref("var.region"), variables: { region: { value: "ap-south-1" } } }).values("aws_sqs_queue.jobs").arn).toBe("arn:aws:sqs:ap-south-1:000000000000:shop-jobs");
    const guessed = filled([queue("jobs", "shop-jobs")], { region: ref("var.region") });
    expect(guessed.placeholderRegion).toBe("us-east-1");
  });

  it("a function's ARN, when it has aliases or versions, may have been one of theirs: a note", () => {
    const f = filled([
      role("worker", "shop-worker"),
      fn("worker", "shop-worker", { values: { publish: true } }),
      { address: "aws_sns_topic_subscription.s", values: { protocol: "lambda", topic_arn: "arn:aws:sns:eu-west-1:123456789012:t" }, unknown: { endpoint: true }, expressions: { endpoint: ref("aws_lambda_function.worker.arn", "aws_lambda_function.worker") } },
    ]);
    expect(f.values("aws_sns_topic_subscription.s").endpoint).toBe("arn:aws:lambda:eu-west-1:123456789012:function:shop-worker");
    expect(f.notes).toEqual([expect.objectContaining({ address: "aws_sns_topic_subscription.s", attribute: "endpoint", message: expect.stringContaining("cannot tell from one of its aliases' or versions'") })]);
  });

  it("compare by what they are made from: a template around an estimate is that estimate", () => {
    const estimates = new Set(["arn:aws:logs:r:a:log-group:/aws/lambda/x", "arn:aws:s3:::b"]);
    expect(loosen(["arn:aws:logs:r:a:log-group:/aws/lambda/x:*", "arn:aws:s3:::b/*", "arn:aws:s3:::bb", "arn:aws:s3:::b"], estimates)).toEqual(["arn:aws:logs:r:a:log-group:/aws/lambda/x", "arn:aws:s3:::b", "arn:aws:s3:::bb", "arn:aws:s3:::b"]);
    // (only a string that starts with one: a prefix around it is another resource's)
    expect(loosen("x:arn:aws:s3:::b", estimates)).toBe("x:arn:aws:s3:::b");
    expect(loosen({ Resource: "arn:aws:s3:::b/*" }, new Set())).toEqual({ Resource: "arn:aws:s3:::b/*" });
  });
});

describe("ldgen import of a plan", () => {
  const spec = (resources: R[]) => importShow(planOf(resources), { file: "plan.json" });
  const worker = (): R[] => [
    queue("jobs", "shop-jobs"),
    role("worker", "shop-worker"),
    fn("worker", "shop-worker"),
    { address: "aws_cloudwatch_log_group.worker", values: { name: "/aws/lambda/shop-worker" }, unknown: { arn: true, id: true } },
    { address: "aws_lambda_event_source_mapping.worker_jobs", values: { function_name: "shop-worker", batch_size: 5 }, unknown: { event_source_arn: true, function_arn: true, uuid: true, id: true }, expressions: { event_source_arn: ref("aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs"), function_name: ref("aws_lambda_function.worker.function_name", "aws_lambda_function.worker") } },
  ];

  it("links what the plan creates, and imports nothing before apply", () => {
    const report = spec(worker());
    expect(report.errors).toEqual([]);
    expect(report.spec).toMatch(/sources:\n(?:.*\n)*? {2}jobs:\n {4}type: sqs/);
    expect(report.spec).toMatch(/events:\n(?: +#.*\n)* {6}- source: jobs\n {8}batchSize: 5/);
    expect(report.imports).toEqual([]);
    expect(report.unapplied.sort()).toEqual(["aws_cloudwatch_log_group.worker", "aws_iam_role.worker", "aws_lambda_event_source_mapping.worker_jobs", "aws_lambda_function.worker", "aws_sqs_queue.jobs"]);
    expect(report.moved).toEqual([]);
  });

  it("reports what it leaves unknown on what the spec takes over (a subnet the plan creates)", () => {
    const resources = worker();
    resources[2] = fn("worker", "shop-worker", { values: { vpc_config: [{ subnet_ids: null, security_group_ids: ["sg-0123456789abcdef0"] }] }, unknown: { vpc_config: [{ subnet_ids: true }] }, expressions: { vpc_config: [{ subnet_ids: ref("aws_subnet.a.id", "aws_subnet.a"), security_group_ids: constant(["sg-0123456789abcdef0"]) }] } });
    resources.push({ address: "aws_subnet.a", values: { cidr_block: "10.0.0.0/24" }, unknown: { id: true } });
    const report = spec(resources);
    expect(report.errors).toEqual([]);
    expect(report.differences).toContainEqual(expect.objectContaining({ address: "aws_lambda_function.worker", attribute: "vpc_config.0.subnet_ids", message: expect.stringMatching(/^the plan does not know the value until apply/) }));
  });

  it("a plan whose configuration is not what Terraform writes: a clear error", () => {
    const plan = planOf(worker());
    const mapping = plan.configuration.root_module.resources.find((r) => (r as { address: string }).address === "aws_lambda_event_source_mapping.worker_jobs") as { expressions: object };
    mapping.expressions = { event_source_arn: ref('aws_sqs_queue.q["\\q"].arn') };
    const report = importShow(plan, { file: "plan.json" });
    expect(report.errors).toEqual([{ message: expect.stringMatching(/^plan\.json: not terraform show -json output of a plan/) }]);
  });

  it("reports an estimate the spec writes, and the placeholder account", () => {
    const resources = worker();
    // (a policy statement on a queue the root makes but ldgen does not wire: the spec names it by its ARN)
    resources.push(queue("audit", "audit-log"));
    resources.push({ address: "aws_iam_role_policy.extra", values: { name: "shop-worker", role: "shop-worker" }, unknown: { policy: true }, expressions: { policy: ref("data.aws_iam_policy_document.extra.json", "data.aws_iam_policy_document.extra") } });
    resources.push({ address: "data.aws_iam_policy_document.extra", values: { statement: [{ effect: "Allow", actions: ["sqs:SendMessage"], resources: [null], principals: [], condition: [] }] }, unknown: { json: true, minified_json: true, id: true, statement: [{ resources: [true] }] }, expressions: { statement: [{ resources: ref("aws_sqs_queue.audit.arn", "aws_sqs_queue.audit") }] } });
    const report = spec(resources);
    expect(report.errors).toEqual([]);
    expect(report.spec).toContain(`arn:aws:sqs:eu-west-1:${PLACEHOLDER_ACCOUNT}:audit-log`);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: "data.aws_iam_policy_document.extra", attribute: "statement.0.resources.0", message: expect.stringMatching(/^the plan does not know the value until apply: the spec writes/) }),
        expect.objectContaining({ address: "plan.json", attribute: "account", message: expect.stringMatching(/names no AWS account/) }),
      ]),
    );
  });
});
