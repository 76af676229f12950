import { subscriptionLabel } from "../kinds/sns";
import { triggerKindOf } from "../kinds/triggers/registry";
import type { DeadLetterSender } from "../kinds/triggers/trigger";
import { toPascal } from "../model/names";
import type { Endpoint, Model } from "../model/types";
import { arnOf } from "./refs";
import { block, body, ref, str, strings, list, type Output, type Resource } from "./view";

interface Sender extends DeadLetterSender {
  /** The trigger's label: the statement id's stem. */
  label: string;
}

/** Each SQS queue that SNS or EventBridge sends a trigger's or an SNS subscription's dead letters to, with who sends them. */
export function deadLetterSenders(model: Model): Map<Endpoint, Sender[]> {
  const out = new Map<Endpoint, Sender[]>();
  const add = (queue: Endpoint, sender: Sender) => {
    const senders = out.get(queue);
    if (senders) senders.push(sender);
    else out.set(queue, [sender]);
  };
  for (const fn of model.functions) {
    for (const t of fn.triggers) {
      const queue = t.deadLetter?.target;
      if (!queue || queue.type !== "sqs") continue;
      const sender = triggerKindOf(t.kind).deadLetterSender?.(fn, t);
      if (sender) add(queue, { ...sender, label: t.label });
    }
  }
  // A topic's own subscriptions: SNS sends their dead letters, from that topic (its ARN is the source).
  for (const topic of model.endpoints) {
    if (topic.type !== "sns") continue;
    topic.subscriptions.forEach((s, i) => {
      const queue = s.deadLetter?.target;
      const topicArn = arnOf(topic);
      if (!queue || queue.type !== "sqs" || !topicArn) return;
      add(queue, { principal: "sns.amazonaws.com", sourceArn: topicArn, what: `the SNS topic ${topic.name} (its ${s.protocol} subscription ${s.endpoint})`, label: subscriptionLabel(topic, i) });
    });
  }
  return out;
}

/**
 * The queue policy that lets SNS and EventBridge send dead letters: one statement per trigger, for
 * its service principal, conditioned on its exact source ARN (`aws:SourceArn`). A created queue gets
 * the `aws_sqs_queue_policy`; for an existing one, ldgen outputs the document to merge into its policy.
 */
export function planQueuePolicies(model: Model): { resources: Resource[]; outputs: Output[] } {
  const resources: Resource[] = [];
  const outputs: Output[] = [];
  for (const [queue, senders] of deadLetterSenders(model)) {
    const queueArn = arnOf(queue);
    if (!queueArn) continue;
    const label = `${queue.label}_queue_policy`;
    const statements = senders.map((s) =>
      block(
        "statement",
        body(
          { sid: str(`DeadLettersFrom${toPascal(s.label)}`), effect: str("Allow"), actions: strings(["sqs:SendMessage"]), resources: list([queueArn]) },
          block("principals", body({ type: str("Service"), identifiers: strings([s.principal]) }), true),
          block("condition", body({ test: str("ArnEquals"), variable: str("aws:SourceArn"), values: list([s.sourceArn]) }), true),
        ),
        true,
      ),
    );
    resources.push({ mode: "data", type: "aws_iam_policy_document", label, origin: queue.path, dependsOn: [], body: statements });
    const json = ref(`data.aws_iam_policy_document.${label}`, "json");
    if (queue.created) {
      resources.push({ mode: "resource", type: "aws_sqs_queue_policy", label: queue.label, origin: queue.path, dependsOn: [], body: body({ queue_url: ref(`aws_sqs_queue.${queue.label}`, "url"), policy: json }) });
    } else {
      outputs.push({ name: `${label}_json`, description: `The statements ${queue.name}'s queue policy needs so that ${senders.map((s) => s.what).join(" and ")} can send dead letters (ldgen does not own the queue).`, value: json, origin: queue.path });
    }
  }
  return { resources, outputs };
}
