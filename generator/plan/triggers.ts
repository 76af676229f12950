import { toLabel } from "../model/names";
import type { LambdaFunction, Model, Trigger } from "../model/types";
import { arnOf, functionName, qualifiedArn } from "./refs";
import { block, body, json, ref, str, strings, type Resource, type Value } from "./view";

type Tags = (own: Record<string, string>) => Value | undefined;

/** The resources of every trigger: rules, subscriptions, bucket notifications, and each one's invoke permission. */
export function planTriggers(model: Model, tags: Tags): Resource[] {
  const out: Resource[] = [];
  const notifications = new Map<string, Resource>();
  for (const fn of model.functions) {
    for (const trigger of fn.triggers) {
      const permission = (principal: string, sourceArn: Value | undefined): Resource => ({
        mode: "resource",
        type: "aws_lambda_permission",
        label: trigger.label,
        origin: trigger.path,
        dependsOn: [],
        body: body({
          statement_id: str(`ldgen-${trigger.label}`.replace(/_/g, "-")),
          action: str("lambda:InvokeFunction"),
          function_name: functionName(fn),
          qualifier: fn.qualifier ? str(fn.qualifier) : undefined,
          principal: str(principal),
          source_arn: sourceArn,
        }),
      });
      if (trigger.kind === "s3") {
        const bucketArn = trigger.bucketEndpoint ? arnOf(trigger.bucketEndpoint) : str(`arn:aws:s3:::${trigger.bucket}`);
        out.push(permission("s3.amazonaws.com", bucketArn));
        s3Notification(notifications, fn, trigger);
      } else if (trigger.kind === "sns") {
        const topic = arnOf(trigger.topic.target);
        out.push(permission("sns.amazonaws.com", topic), {
          mode: "resource",
          type: "aws_sns_topic_subscription",
          label: trigger.label,
          origin: trigger.path,
          dependsOn: [`aws_lambda_permission.${trigger.label}`],
          body: body({ topic_arn: topic, protocol: str("lambda"), endpoint: qualifiedArn(fn) }),
        });
      } else {
        out.push(...eventRule(fn, trigger, tags), permission("events.amazonaws.com", ref(`aws_cloudwatch_event_rule.${trigger.label}`, "arn")));
      }
    }
  }
  return [...out, ...notifications.values()];
}

/** S3 allows one notification configuration per bucket: every function's trigger on a bucket goes into one resource. */
function s3Notification(notifications: Map<string, Resource>, fn: LambdaFunction, t: Trigger & { kind: "s3" }): void {
  const label = toLabel(t.bucket);
  let notification = notifications.get(label);
  if (!notification) {
    const bucket = t.bucketEndpoint ? ref(`aws_s3_bucket.${t.bucketEndpoint.label}`, "id") : str(t.bucket);
    notification = { mode: "resource", type: "aws_s3_bucket_notification", label, origin: [...t.path, "s3", "bucket"], dependsOn: [], body: body({ bucket }) };
    notifications.set(label, notification);
  }
  notification.body.push(
    block(
      "lambda_function",
      body({
        id: str(t.label.replace(/_/g, "-")),
        lambda_function_arn: qualifiedArn(fn),
        events: strings(t.events),
        filter_prefix: t.prefix === undefined ? undefined : str(t.prefix),
        filter_suffix: t.suffix === undefined ? undefined : str(t.suffix),
      }),
      true,
    ),
  );
  notification.dependsOn.push(`aws_lambda_permission.${t.label}`);
}

function eventRule(fn: LambdaFunction, t: Trigger & { kind: "schedule" | "eventPattern" }, tags: Tags): Resource[] {
  const rule = `aws_cloudwatch_event_rule.${t.label}`;
  return [
    {
      mode: "resource",
      type: "aws_cloudwatch_event_rule",
      label: t.label,
      origin: t.path,
      dependsOn: [],
      body: body({
        name: str(t.awsName),
        schedule_expression: t.kind === "schedule" ? str(t.expression) : undefined,
        event_pattern: t.kind === "eventPattern" ? json(t.pattern) : undefined,
        tags: tags({}),
      }),
    },
    {
      mode: "resource",
      type: "aws_cloudwatch_event_target",
      label: t.label,
      origin: t.path,
      dependsOn: [],
      body: body({ rule: ref(rule, "name"), target_id: str("lambda"), arn: qualifiedArn(fn), input: t.input === undefined ? undefined : json(t.input) }),
    },
  ];
}
