import type { Reporter } from "./reporter";
import { parseArn } from "../model/arn";
import type { Endpoint, Model } from "../model/types";

/** Name characters of queues and topics (API_CreateQueue, API_CreateTopic). */
const NAME_RULES: Partial<Record<Endpoint["type"], { pattern: RegExp; what: string }>> = {
  sqs: { pattern: /^[A-Za-z0-9_-]{1,80}$/, what: "an SQS queue name is 1..80 letters, digits, '-' and '_' (a FIFO queue's ends in .fifo, within the 80)" },
  sns: { pattern: /^[A-Za-z0-9_-]{1,256}$/, what: "an SNS topic name is 1..256 letters, digits, '-' and '_' (a FIFO topic's ends in .fifo, within the 256)" },
};

/** ARNs whose service is right but whose resource is not what the role needs, and queue and topic names AWS refuses. */
export function checkArnRoles(model: Model, reporter: Reporter): void {
  for (const e of model.endpoints) {
    const arn = e.arn ? parseArn(e.arn) : undefined;
    if (!arn || e.fn) continue;
    const declared = e.path.length === 2 && (e.path[0] === "sources" || e.path[0] === "destinations");
    const at = declared ? [...e.path, "arn"] : e.path;
    const got = JSON.stringify(e.arn);
    if (e.type === "dynamodb" && !/^table\/[^/]+\/stream\/[^/]+$/.test(arn.resource)) {
      const table = /^table\/([^/]+)/.exec(arn.resource)?.[1] ?? "<table>";
      reporter.report("LD213", at, `a mapping reads a DynamoDB table's stream, so it needs the stream ARN, table/${table}/stream/<label> (got ${got}); use the table's LatestStreamArn, and enable its stream if it has none`);
    } else if (e.type === "eventbridge" && !/^event-bus\/[^/]+$/.test(arn.resource)) {
      reporter.report("LD214", at, `an EventBridge destination is an event bus, arn:...:event-bus/<name> (got ${got}); use the ARN of the bus the rule is on, such as event-bus/default`);
    } else if (NAME_RULES[e.type]) {
      const rule = NAME_RULES[e.type]!;
      const name = arn.resource;
      const base = name.endsWith(".fifo") ? name.slice(0, -5) : name;
      if (!rule.pattern.test(base) || name.length > (e.type === "sqs" ? 80 : 256)) reporter.report("LD212", at, `${rule.what} (got ${JSON.stringify(name)}); fix the name in the ARN`);
    }
  }
}
