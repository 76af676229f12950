import { addresses, findResource, planOf, plain, s3Code } from "./support/spec";

/** Plan tests for failure handling end to end: redrive policies, trigger dead letters, alarms. */
const ACCOUNT = "123456789012";
const consumer = (source: string) => ({ functions: { worker: { ...s3Code, events: [{ source }] } } });
const body = (sections: Record<string, unknown>, addr: string) => {
  const r = findResource(planOf(sections), addr);
  if (!r) throw new Error(`no ${addr} in ${addresses(planOf(sections)).join(", ")}`);
  return plain(r.body);
};

describe("deadLetter on SQS entries", () => {
  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    [
      "a created source queue with a declared dead-letter queue: its redrive_policy",
      { sources: { jobs: { type: "sqs", deadLetter: { queue: "parked", maxReceiveCount: 3 } } }, destinations: { parked: { type: "sqs" } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs",
      { redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.parked.arn}", maxReceiveCount: 3 } } },
    ],
    [
      "the queue's reference alone, default maxReceiveCount 5",
      { sources: { jobs: { type: "sqs", deadLetter: "parked" } }, destinations: { parked: { type: "sqs" } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs",
      { redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.parked.arn}", maxReceiveCount: 5 } } },
    ],
    [
      "no queue: ldgen creates <queue>-dlq, kept 14 days",
      { sources: { jobs: { type: "sqs", deadLetter: { maxReceiveCount: 2 } } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs_dlq",
      { name: "app-jobs-dlq", message_retention_seconds: 1209600 },
    ],
    [
      "an inline FIFO queue's dead-letter queue is FIFO",
      { sources: { jobs: { type: "sqs", fifo: true, deadLetter: {} } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs_dlq",
      { name: "app-jobs-dlq.fifo", fifo_queue: true },
    ],
    [
      "a created dead-letter queue allows redrive from exactly its queues",
      { sources: { a: { type: "sqs", deadLetter: "parked" }, b: { type: "sqs", deadLetter: "parked" } }, destinations: { parked: { type: "sqs" } }, functions: { worker: { ...s3Code, events: [{ source: "a" }, { source: "b" }] } } },
      "aws_sqs_queue_redrive_allow_policy.parked",
      { queue_url: "${aws_sqs_queue.parked.url}", redrive_allow_policy: { jsonencode: { redrivePermission: "byQueue", sourceQueueArns: ["${aws_sqs_queue.a.arn}", "${aws_sqs_queue.b.arn}"] } } },
    ],
    [
      "an existing queue: aws_sqs_queue_redrive_policy at its URL",
      { sources: { jobs: { type: "sqs", arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`, deadLetter: { queue: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs-dlq`, maxReceiveCount: 1000 } } }, ...consumer("jobs") },
      "aws_sqs_queue_redrive_policy.jobs",
      { queue_url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`, redrive_policy: { jsonencode: { deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs-dlq`, maxReceiveCount: 1000 } } },
    ],
    [
      "an inline destination queue takes deadLetter too",
      { functions: { f: { ...s3Code, async: { onFailure: { type: "sqs", deadLetter: { maxReceiveCount: 1 } } } } } },
      "aws_sqs_queue.f_on_failure",
      { redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.f_on_failure_dlq.arn}", maxReceiveCount: 1 } } },
    ],
  ])("%s", (_name, sections, addr, want) => expect(body(sections, addr)).toMatchObject(want));

  it("an existing dead-letter queue gets no redrive allow policy (ldgen does not own it)", () => {
    const plan = planOf({ sources: { jobs: { type: "sqs", deadLetter: `arn:aws:sqs:us-east-1:${ACCOUNT}:parked` } }, ...consumer("jobs") });
    expect(addresses(plan).filter((a) => a.includes("redrive"))).toEqual([]);
  });
});
