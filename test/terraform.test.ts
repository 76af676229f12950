import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { generate } from "../generator";
import { examples } from "./support/examples";
import type { Diagnostic } from "../generator";
import { describeWithTerraform, fmtCheck, planRoots, resources, terraformMissing, type PlanJson, type PlanResult } from "./support/terraform";

/** The expression terraform recorded for a configuration attribute, following nested blocks. */
function expression(json: PlanJson, address: string, ...keys: (string | number)[]): Record<string, unknown> | undefined {
  let node: unknown = json.configuration.root_module.resources?.find((r) => r.address === address)?.expressions;
  for (const key of keys) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node as Record<string, unknown> | undefined;
}
const refs = (json: PlanJson, address: string, ...keys: (string | number)[]) => (expression(json, address, ...keys)?.references as string[] | undefined) ?? [];
const constant = (json: PlanJson, address: string, ...keys: (string | number)[]) => expression(json, address, ...keys)?.constant_value;

interface Statement {
  sid: string;
  actions: string[];
  resources: string[];
}
/** The statements of a policy document as configured: constant resources, or what they reference. */
function statements(json: PlanJson, label: string): Statement[] {
  const list = (expression(json, `data.aws_iam_policy_document.${label}`, "statement") as unknown as Record<string, { constant_value?: unknown; references?: string[] }>[]) ?? [];
  return list.map((s) => ({
    sid: s.sid.constant_value as string,
    actions: s.actions.constant_value as string[],
    resources: (s.resources?.constant_value as string[] | undefined) ?? (s.resources?.references ?? []).filter((r) => r.endsWith(".arn")),
  }));
}

const EXPECTATIONS: Record<string, (json: PlanJson) => void> = {
  "image-pipeline": (json) => {
    const config = "aws_lambda_function_event_invoke_config.process_image";
    expect(refs(json, config, "destination_config", 0, "on_success", 0, "destination")).toContain("aws_sqs_queue.image_metadata.arn");
    expect(refs(json, config, "destination_config", 0, "on_failure", 0, "destination")).toContain("aws_sns_topic.image_alerts.arn");
    const planned = resources(json);
    expect(planned.get(config)?.values).toMatchObject({ maximum_retry_attempts: 1, maximum_event_age_in_seconds: 3600 });
    const mapping = "aws_lambda_event_source_mapping.store_metadata_image_metadata";
    expect(refs(json, mapping, "event_source_arn")).toContain("aws_sqs_queue.image_metadata.arn");
    expect(refs(json, mapping, "function_name")).toContain("aws_lambda_function.store_metadata.arn");
    expect(planned.get(mapping)?.values).toMatchObject({ batch_size: 10, function_response_types: ["ReportBatchItemFailures"], enabled: true });
    expect(planned.get("aws_sqs_queue.image_metadata")?.values).toMatchObject({ name: "image-pipeline-image-metadata", visibility_timeout_seconds: 180 });
    expect(planned.get("aws_sns_topic_subscription.image_alerts_0")?.values).toMatchObject({ protocol: "email", endpoint: "ops@example.com" });
    expect(planned.get("aws_s3_bucket_notification.image_uploads")?.values).toMatchObject({
      bucket: "image-uploads",
      lambda_function: [expect.objectContaining({ events: ["s3:ObjectCreated:*"], filter_prefix: "incoming/" })],
    });
    expect(planned.get("aws_lambda_permission.process_image_s3")?.values).toMatchObject({ principal: "s3.amazonaws.com", source_arn: "arn:aws:s3:::image-uploads" });
    expect(statements(json, "process_image")).toEqual([
      { sid: "PublishToImageAlerts", actions: ["sns:Publish"], resources: ["aws_sns_topic.image_alerts.arn"] },
      { sid: "SendToImageMetadata", actions: ["sqs:SendMessage"], resources: ["aws_sqs_queue.image_metadata.arn"] },
      { sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["aws_cloudwatch_log_group.process_image.arn"] },
    ]);
    expect(statements(json, "store_metadata")[0]).toEqual({
      sid: "ReadFromImageMetadata",
      actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
      resources: ["aws_sqs_queue.image_metadata.arn"],
    });
    expect(planned.get("aws_lambda_function.process_image")?.values).toMatchObject({ function_name: "image-pipeline-process-image", timeout: 60, memory_size: 256, runtime: "nodejs22.x" });
  },
  "kinesis-dlq": (json) => {
    const mapping = "aws_lambda_event_source_mapping.analyze_clicks_clickstream";
    expect(refs(json, mapping, "event_source_arn")).toContain("aws_kinesis_stream.clickstream.arn");
    expect(refs(json, mapping, "destination_config", 0, "on_failure", 0, "destination_arn")).toContain("aws_sqs_queue.analyze_clicks_clickstream_on_failure.arn");
    expect(resources(json).get(mapping)?.values).toMatchObject({
      starting_position: "LATEST",
      batch_size: 100,
      maximum_batching_window_in_seconds: 5,
      maximum_retry_attempts: 3,
      maximum_record_age_in_seconds: 3600,
      bisect_batch_on_function_error: true,
      function_response_types: ["ReportBatchItemFailures"],
    });
    expect(resources(json).get("aws_sqs_queue.analyze_clicks_clickstream_on_failure")?.values).toMatchObject({ message_retention_seconds: 1209600 });
    expect(statements(json, "analyze_clicks").map((s) => [s.sid, s.resources])).toEqual([
      ["ReadFromClickstream", ["aws_kinesis_stream.clickstream.arn"]],
      ["SendToAnalyzeClicksClickstreamOnFailure", ["aws_sqs_queue.analyze_clicks_clickstream_on_failure.arn"]],
      ["WriteLogs", ["aws_cloudwatch_log_group.analyze_clicks.arn"]],
    ]);
  },
  "kinesis-reprocess": (json) => {
    const planned = resources(json);
    const alarm = (label: string) => planned.get(`aws_cloudwatch_metric_alarm.${label}`)?.values;
    // Failed stream records go to failed-clicks, which reprocess-clicks drains; its own failures are parked after 3 receives.
    expect(refs(json, "aws_lambda_event_source_mapping.analyze_clicks_clickstream", "destination_config", 0, "on_failure", 0, "destination_arn")).toContain("aws_sqs_queue.failed_clicks.arn");
    expect(refs(json, "aws_lambda_event_source_mapping.reprocess_clicks_failed_clicks", "event_source_arn")).toContain("aws_sqs_queue.failed_clicks.arn");
    expect(refs(json, "aws_sqs_queue.failed_clicks", "redrive_policy")).toContain("aws_sqs_queue.failed_clicks_dlq.arn");
    expect(refs(json, "aws_sqs_queue_redrive_allow_policy.failed_clicks_dlq", "redrive_allow_policy")).toContain("aws_sqs_queue.failed_clicks.arn");
    expect(planned.get("aws_sqs_queue.failed_clicks_dlq")?.values).toMatchObject({ name: "kinesis-reprocess-failed-clicks-dlq", message_retention_seconds: 1209600 });
    expect(alarm("analyze_clicks_clickstream_iterator_age")).toMatchObject({ namespace: "AWS/Lambda", metric_name: "IteratorAge", statistic: "Maximum", threshold: 300000, treat_missing_data: "notBreaching" });
    for (const queue of ["failed_clicks", "failed_clicks_dlq"]) {
      expect(alarm(`${queue}_messages_visible`)).toMatchObject({ namespace: "AWS/SQS", metric_name: "ApproximateNumberOfMessagesVisible", threshold: 0 });
      expect(alarm(`${queue}_message_age`)).toMatchObject({ metric_name: "ApproximateAgeOfOldestMessage", threshold: 3600 });
      expect(refs(json, `aws_cloudwatch_metric_alarm.${queue}_messages_visible`, "alarm_actions")).toContain("aws_sns_topic.ops_alerts.arn");
    }
    expect([...planned.keys()].filter((a) => a.startsWith("aws_cloudwatch_metric_alarm.")).length).toBe(5);
  },
  "image-pipeline-alarms": (json) => {
    const planned = resources(json);
    expect([...planned.keys()].filter((a) => a.startsWith("aws_cloudwatch_metric_alarm.")).sort()).toEqual(
      ["image_alerts_notifications_failed", "image_alerts_subscription_0_dlq_messages_visible", "image_metadata_dlq_messages_visible", "process_image_async_events_dropped", "process_image_destination_delivery_failures", "schedule_dlq_messages_visible"].map((l) => `aws_cloudwatch_metric_alarm.${l}`),
    );
    // The image-alerts email subscription's dead letters: its redrive policy, and a queue policy letting that topic send.
    expect(refs(json, "aws_sns_topic_subscription.image_alerts_0", "redrive_policy")).toContain("aws_sqs_queue.image_alerts_subscription_0_dlq.arn");
    expect(refs(json, "data.aws_iam_policy_document.image_alerts_subscription_0_dlq_queue_policy", "statement", 0, "condition", 0, "values")).toContain("aws_sns_topic.image_alerts.arn");
    expect(refs(json, "aws_sqs_queue_policy.image_alerts_subscription_0_dlq", "policy")).toContain("data.aws_iam_policy_document.image_alerts_subscription_0_dlq_queue_policy.json");
    expect(planned.get("aws_cloudwatch_event_target.process_image_nightly")?.values).toMatchObject({ retry_policy: [{ maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 }] });
    expect(refs(json, "aws_cloudwatch_event_target.process_image_nightly", "dead_letter_config", 0, "arn")).toContain("aws_sqs_queue.schedule_dlq.arn");
    expect(refs(json, "data.aws_iam_policy_document.schedule_dlq_queue_policy", "statement", 0, "condition", 0, "values")).toContain("aws_cloudwatch_event_rule.process_image_nightly.arn");
    expect(planned.get("aws_cloudwatch_metric_alarm.image_alerts_notifications_failed")?.values).toMatchObject({ namespace: "AWS/SNS", metric_name: "NumberOfNotificationsFailed", statistic: "Sum" });
  },
  complete: (json) => {
    const planned = resources(json);
    // defaults.async applies to functions something invokes asynchronously (process-image, by its S3 trigger), not to
    // the two only mappings invoke; the existing function gets its own.
    expect([...planned.keys()].filter((a) => a.startsWith("aws_lambda_function_event_invoke_config.")).sort()).toEqual(
      ["billing", "process_image"].map((l) => `aws_lambda_function_event_invoke_config.${l}`),
    );
    expect(planned.get("aws_lambda_function_event_invoke_config.process_image")?.values).toMatchObject({ maximum_retry_attempts: 1, maximum_event_age_in_seconds: 3600 });
    expect(planned.get("aws_cloudwatch_log_group.store_metadata")?.values).toMatchObject({ retention_in_days: 30 });
    expect(planned.get("aws_sqs_queue.image_metadata")?.values).toMatchObject({ sqs_managed_sse_enabled: true });
    expect(planned.get("aws_lambda_function.analyze_clicks")?.values).toMatchObject({ s3_bucket: "artifacts-bucket", s3_key: "analyze-clicks.zip", runtime: "python3.12" });
    expect(planned.get("aws_iam_role_policy.billing")?.values).toMatchObject({ role: "billing-execution" });
    expect(refs(json, "aws_lambda_event_source_mapping.analyze_clicks_clickstream", "destination_config", 0, "on_failure", 0, "destination_arn")).toContain(
      "aws_sqs_queue.analyze_clicks_clickstream_on_failure.arn",
    );
  },
  "order-service": (json) => {
    const planned = resources(json);
    const TABLE = "arn:aws:dynamodb:us-east-2:123456789012:table/orders";
    // The functions' own statements follow the edge statements, each with its id, on exactly the spec's resources.
    expect(statements(json, "fulfil_order")).toEqual([
      { sid: "ReadFromFulfilmentJobs", actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], resources: ["aws_sqs_queue.fulfilment_jobs.arn"] },
      { sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["aws_cloudwatch_log_group.fulfil_order.arn"] },
      { sid: "ReadOrders", actions: ["dynamodb:GetItem", "dynamodb:Query"], resources: [TABLE, `${TABLE}/index/*`] },
      { sid: "MarkShipped", actions: ["dynamodb:UpdateItem"], resources: [TABLE] },
      { sid: "AnnounceShipments", actions: ["events:PutEvents"], resources: ["aws_cloudwatch_event_bus.order_events.arn"] },
    ]);
    expect(statements(json, "import_orders").map((s) => s.sid)).toEqual(["PutEventsOnOrderEvents", "SendToOrderFailures", "WriteLogs", "ReadImports", "WriteOrders", "QueueFulfilment"]);
    // The VPC function: published, behind its alias, which its mapping invokes.
    expect(planned.get("aws_lambda_function.fulfil_order")?.values).toMatchObject({
      publish: true,
      vpc_config: [expect.objectContaining({ subnet_ids: ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"], security_group_ids: ["sg-0c1d2e3f4a5b6c7d8"] })],
    });
    expect(planned.get("aws_lambda_alias.fulfil_order")?.values).toMatchObject({ name: "live", function_name: "orders-fulfil-order" });
    expect(refs(json, "aws_lambda_event_source_mapping.fulfil_order_fulfilment_jobs", "function_name")).toContain("aws_lambda_alias.fulfil_order.arn");
    expect(planned.get("aws_iam_role_policy_attachment.fulfil_order_vpc")?.values).toMatchObject({ policy_arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole" });
    expect(planned.get("aws_iam_role.fulfil_order")?.values).toMatchObject({ permissions_boundary: "arn:aws:iam::123456789012:policy/orders-boundary" });
    // The image function takes no runtime or handler from defaults.
    const image = planned.get("aws_lambda_function.import_orders")?.values;
    expect([image?.package_type, image?.runtime, image?.handler]).toEqual(["Image", null, null]);
    // defaults.async: only the S3-triggered function gets an invoke config.
    expect([...planned.keys()].filter((a) => a.startsWith("aws_lambda_function_event_invoke_config."))).toEqual(["aws_lambda_function_event_invoke_config.import_orders"]);
    expect(planned.get("aws_lambda_permission.import_orders_s3")?.values).toMatchObject({ principal: "s3.amazonaws.com", source_arn: "arn:aws:s3:::orders-imports-123456789012", source_account: "123456789012" });
    expect(planned.get("aws_sqs_queue.order_failures")?.values).toMatchObject({ sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
    expect(planned.get("aws_cloudwatch_log_group.fulfil_order")?.values).toMatchObject({ retention_in_days: 30 });
    expect(Object.keys(json.planned_values.outputs ?? {})).toEqual(expect.arrayContaining(["fulfil_order_alias_arn", "fulfil_order_role_arn", "import_orders_log_group_name"]));
  },
  "existing-function": (json) => {
    const planned = resources(json);
    expect([...planned.keys()].filter((a) => a.startsWith("aws_lambda_function.") || a.startsWith("aws_iam_role."))).toEqual([]);
    expect(planned.get("aws_lambda_function_event_invoke_config.billing")?.values).toMatchObject({
      function_name: "arn:aws:lambda:us-east-2:123456789012:function:billing",
      qualifier: "live",
      maximum_retry_attempts: 0,
      maximum_event_age_in_seconds: 7200,
      destination_config: [
        {
          on_success: [{ destination: "arn:aws:sqs:us-east-2:123456789012:billing-results" }],
          on_failure: [{ destination: "arn:aws:events:us-east-2:123456789012:event-bus/audit" }],
        },
      ],
    });
    const policy = planned.get("aws_iam_role_policy.billing")?.values;
    expect(policy?.role).toBe("billing-execution");
    expect(JSON.parse(policy?.policy as string).Statement).toEqual([
      { Sid: "PutEventsOnAuditBus", Effect: "Allow", Action: "events:PutEvents", Resource: "arn:aws:events:us-east-2:123456789012:event-bus/audit" },
      { Sid: "SendToBillingResults", Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-2:123456789012:billing-results" },
    ]);
  },
};

/** Every example's HCL, generated into one scratch folder and planned together (planRoots) before the tests. */
const base = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-examples-"));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
const generated: Record<string, { diagnostics: Diagnostic[]; dir: string }> = {};
const plans: Record<string, PlanResult> = {};
if (!terraformMissing()) {
  beforeAll(() => {
    for (const { name, spec, text } of examples()) {
      const out = path.join(base, name);
      const result = generate(text, path.resolve(spec), "hcl", { outDir: out });
      for (const [file, content] of Object.entries(result.files)) {
        fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
        fs.writeFileSync(path.join(out, file), content);
      }
      generated[name] = { diagnostics: result.diagnostics, dir: path.join(out, "hcl") };
    }
    Object.assign(plans, planRoots(Object.fromEntries(Object.entries(generated).map(([name, g]) => [name, g.dir]))));
  });
}

describeWithTerraform("terraform accepts every example's HCL", () => {
  it.each(examples())("$name: fmt, validate and plan with the real provider", ({ name, text }) => {
    expect(generated[name].diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(fmtCheck(generated[name].dir)).toBe("");
    const { json, validate } = plans[name];
    expect(validate).toMatch(/configuration is valid/);

    // No policy grants a wildcard resource, but for the two EC2 Describe actions of VPC pollers, which IAM cannot scope.
    for (const r of json.configuration.root_module.resources ?? []) {
      if (r.address.startsWith("data.aws_iam_policy_document.")) {
        for (const s of statements(json, r.address.split(".").pop()!)) {
          if (s.resources.includes("*")) expect(s.actions).toEqual(["ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"]);
        }
      }
    }
    // Spec tags reach every taggable resource.
    const specTags = (parse(text) as { tags?: Record<string, unknown> }).tags ?? {};
    const taggable = [...resources(json).values()].filter((r) => r.mode === "managed" && r.values !== undefined && "tags_all" in r.values);
    for (const r of taggable) expect({ address: r.address, tags: r.values.tags_all }).toEqual({ address: r.address, tags: expect.objectContaining(Object.fromEntries(Object.entries(specTags).map(([k, v]) => [k, String(v)]))) });

    const expectations = EXPECTATIONS[name];
    if (!expectations) throw new Error(`add expectations for example ${name} to test/terraform.test.ts`);
    expectations(json);
  });
});
