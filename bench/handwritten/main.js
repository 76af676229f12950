#!/usr/bin/env node
// A CDKTF app written by hand, as a user would without ldgen: loops over data producing the same
// resources (same addresses, same arguments) as ldgen for bench/synthetic.js's spec of N functions.
// The scale benchmark synthesizes it beside ldgen: `node bench/handwritten/main.js N` with CDKTF_OUTDIR set.
// Plain JavaScript (no transpile step), so it is the fastest a hand-written app can be.
"use strict";
const { App, LocalBackend, TerraformOutput, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { CloudwatchLogGroup } = require("@cdktf/provider-aws/lib/cloudwatch-log-group");
const { DataAwsIamPolicyDocument } = require("@cdktf/provider-aws/lib/data-aws-iam-policy-document");
const { IamRole } = require("@cdktf/provider-aws/lib/iam-role");
const { IamRolePolicy } = require("@cdktf/provider-aws/lib/iam-role-policy");
const { KinesisStream } = require("@cdktf/provider-aws/lib/kinesis-stream");
const { LambdaEventSourceMapping } = require("@cdktf/provider-aws/lib/lambda-event-source-mapping");
const { LambdaFunction } = require("@cdktf/provider-aws/lib/lambda-function");
const { LambdaFunctionEventInvokeConfig } = require("@cdktf/provider-aws/lib/lambda-function-event-invoke-config");
const { SnsTopic } = require("@cdktf/provider-aws/lib/sns-topic");
const { SqsQueue } = require("@cdktf/provider-aws/lib/sqs-queue");

const n = Number(process.argv[2] || process.env.FUNCTIONS || 10);
const prefix = "scale";
const pad = (i) => String(i).padStart(5, "0");
const label = (name) => name.replace(/-/g, "_");
const pascal = (name) => name.split(/[-_]/).map((w) => w[0].toUpperCase() + w.slice(1)).join("");

/** One resource with the address ldgen gives it. */
function resource(scope, Type, type, name, config) {
  const r = new Type(scope, `${type}.${name}`, config);
  r.overrideLogicalId(name);
  return r;
}

class Scale extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    this.addOverride("terraform.required_version", ">= 1.5.0");
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
    this.addOverride("terraform.required_providers.aws.version", ">= 5.100.0, < 7.0.0");
    new LocalBackend(this, { path: "../../../terraform.tfstate" });
    new AwsProvider(this, "aws", { region: "us-east-1" });

    const functions = Array.from({ length: n }, (_, i) => ({
      name: `fn-${pad(i)}`,
      queue: `fn-${pad(i)}-ok`,
      consumes: i % 2 === 1 ? `fn-${pad(i - 1)}-ok` : undefined,
      stream: i % 10 === 0 ? `stream-${pad(i)}` : undefined,
    }));
    const consumed = new Set(functions.map((f) => f.consumes).filter(Boolean));

    const failures = resource(this, SnsTopic, "aws_sns_topic", "failures", { name: `${prefix}-failures` });
    const queues = new Map();
    for (const f of functions) {
      const visibility = consumed.has(f.queue) ? 6 * 30 : 30;
      queues.set(f.queue, resource(this, SqsQueue, "aws_sqs_queue", label(f.queue), { name: `${prefix}-${f.queue}`, visibilityTimeoutSeconds: visibility }));
    }
    const streams = new Map();
    for (const f of functions) {
      if (f.stream) streams.set(f.stream, resource(this, KinesisStream, "aws_kinesis_stream", label(f.stream), { name: `${prefix}-${f.stream}`, shardCount: 1 }));
    }
    const assume = resource(this, DataAwsIamPolicyDocument, "data.aws_iam_policy_document", "lambda_assume_role", {
      statement: [{ sid: "LambdaAssumeRole", effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }],
    });

    const outputs = [];
    for (const f of functions) {
      const l = label(f.name);
      const logs = resource(this, CloudwatchLogGroup, "aws_cloudwatch_log_group", l, { name: `/aws/lambda/${prefix}-${f.name}` });
      const statements = [{ sid: "PublishToFailures", effect: "Allow", actions: ["sns:Publish"], resources: [failures.arn] }];
      if (f.consumes) statements.push({ sid: `ReadFrom${pascal(f.consumes)}`, effect: "Allow", actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], resources: [queues.get(f.consumes).arn] });
      if (f.stream) {
        const actions = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams"];
        statements.push({ sid: `ReadFrom${pascal(f.stream)}`, effect: "Allow", actions, resources: [streams.get(f.stream).arn] });
      }
      statements.push({ sid: `SendTo${pascal(f.queue)}`, effect: "Allow", actions: ["sqs:SendMessage"], resources: [queues.get(f.queue).arn] });
      statements.push({ sid: "WriteLogs", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logs.arn}:*`] });
      const document = resource(this, DataAwsIamPolicyDocument, "data.aws_iam_policy_document", l, { statement: statements });
      const role = resource(this, IamRole, "aws_iam_role", l, { name: `${prefix}-${f.name}`, assumeRolePolicy: assume.json });
      const policy = resource(this, IamRolePolicy, "aws_iam_role_policy", l, { name: `${prefix}-${f.name}`, role: role.name, policy: document.json });
      const fn = resource(this, LambdaFunction, "aws_lambda_function", l, {
        functionName: `${prefix}-${f.name}`,
        role: role.arn,
        s3Bucket: "scale-artifacts",
        s3Key: `${f.name}.zip`,
        runtime: "nodejs20.x",
        handler: "index.handler",
        memorySize: 256,
        timeout: 30,
        dependsOn: [logs, policy],
      });
      resource(this, LambdaFunctionEventInvokeConfig, "aws_lambda_function_event_invoke_config", l, {
        functionName: fn.functionName,
        maximumRetryAttempts: 2,
        maximumEventAgeInSeconds: 21600,
        destinationConfig: { onSuccess: { destination: queues.get(f.queue).arn }, onFailure: { destination: failures.arn } },
        dependsOn: [policy],
      });
      if (f.consumes) {
        resource(this, LambdaEventSourceMapping, "aws_lambda_event_source_mapping", `${l}_${label(f.consumes)}`, {
          eventSourceArn: queues.get(f.consumes).arn,
          functionName: fn.arn,
          enabled: true,
          batchSize: 10,
          dependsOn: [policy],
        });
      }
      if (f.stream) {
        resource(this, LambdaEventSourceMapping, "aws_lambda_event_source_mapping", `${l}_${label(f.stream)}`, {
          eventSourceArn: streams.get(f.stream).arn,
          functionName: fn.arn,
          enabled: true,
          batchSize: 100,
          startingPosition: "LATEST",
          maximumRetryAttempts: -1,
          maximumRecordAgeInSeconds: -1,
          bisectBatchOnFunctionError: false,
          parallelizationFactor: 1,
          dependsOn: [policy],
        });
      }
      outputs.push([`${l}_arn`, `ARN of the ${f.name} function.`, fn.arn]);
    }
    outputs.push(["failures_arn", "ARN of the failures topic.", failures.arn]);
    for (const f of functions) {
      const q = queues.get(f.queue);
      outputs.push([`${label(f.queue)}_arn`, `ARN of the ${f.queue} queue.`, q.arn], [`${label(f.queue)}_url`, `URL of the ${f.queue} queue.`, q.url]);
    }
    for (const [name, s] of streams) outputs.push([`${label(name)}_arn`, `ARN of the ${name} stream.`, s.arn]);
    for (const [id, description, value] of outputs) new TerraformOutput(this, id, { description, value });
  }
}

const app = new App();
new Scale(app, prefix);
app.synth();
