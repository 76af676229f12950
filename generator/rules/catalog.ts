/**
 * Every diagnostic ldgen can report: a stable code, its severity, a one-line summary, and the
 * documentation it encodes. `docs/rules.md` is generated from this table (`npm run docs`), and
 * every rule has a fixture, `ruleFixture(code)`, that triggers it alone and names its expected
 * position in its first line (`# expect: LD303 error at 14:18`); `test/rules.test.ts` holds both to it.
 */
import { kindOf, typesWhere } from "../kinds/registry";
import { LIMITS, type Range } from "../limits";
import { formatDuration } from "../parse/duration";
import { kindName, KINDS_THAT } from "./words";

export type RuleSeverity = "error" | "warning" | "info";
export interface Rule {
  severity: RuleSeverity;
  summary: string;
  /** The AWS (or Terraform, or YAML) documentation the rule encodes; "ldgen" for ldgen's own conventions. */
  source: string;
}

const span = (r: Range) => `${r.min}..${r.max}`;
const spanOf = (r: Range) => `${formatDuration(r.min)}..${formatDuration(r.max)}`;
/** `function and role 64, SQS 80, ...`: every name limit, from the limits table and the kind modules. */
const NAME_LIMITS = [
  `function and role ${LIMITS.functionName}`,
  `EventBridge rule ${LIMITS.ruleName}`,
  ...typesWhere((k) => k.creates).map((t) => `${kindName(t)} ${kindOf(t).creates!.resource.split("_").pop()} ${kindOf(t).creates!.nameLimit}`),
].join(", ");

const LAMBDA = "https://docs.aws.amazon.com/lambda/latest/dg";
const API = "https://docs.aws.amazon.com/lambda/latest/api";
const ASYNC_DEST = `${LAMBDA}/invocation-async-retain-records.html`;
const ESM_API = `${API}/API_CreateEventSourceMapping.html`;
const SQS_DLQ = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html";
const EB_RETRY = "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html";
const IAM = "https://docs.aws.amazon.com/IAM/latest/UserGuide";
const ESM_DEST = `${LAMBDA}/invocation-async-retain-records.html#invocation-async-destinations`;

export const RULES = {
  // Reading the file
  LD001: { severity: "error", summary: "The file is not valid YAML.", source: "https://yaml.org/spec/1.2.2/" },
  LD002: { severity: "error", summary: "A mapping has the same key twice, as written or once read (`true` and `\"true\"`, `10` and `\"10\"`).", source: "https://yaml.org/spec/1.2.2/#mapping" },
  LD003: { severity: "error", summary: "The file expands too many aliases (a YAML alias bomb).", source: "https://en.wikipedia.org/wiki/Billion_laughs_attack" },
  LD004: { severity: "error", summary: "The file is empty or is not a mapping at the top.", source: "ldgen" },
  LD005: { severity: "error", summary: "The file is larger than ldgen reads (32 MiB).", source: "ldgen" },
  LD006: { severity: "error", summary: "`version` must be 1.", source: "ldgen" },
  LD007: { severity: "error", summary: "A YAML tag outside the core schema (`!Ref`, `!!binary`, `!!js/function`): ldgen reads plain values only.", source: "https://yaml.org/spec/1.2.2/#1033-core-schema" },
  LD008: { severity: "error", summary: "A key is null, a list, a mapping or an alias.", source: "https://yaml.org/spec/1.2.2/#mapping" },
  LD009: { severity: "error", summary: "A merge key (`<<`) merges something other than a mapping, an alias of one, or a list of them.", source: "https://yaml.org/type/merge.html" },
  LD030: { severity: "error", summary: "The file nests collections deeper than ldgen reads (64 levels).", source: "ldgen" },

  // The shape of the spec
  LD101: { severity: "error", summary: "An unknown key (with the nearest known key as a suggestion).", source: "ldgen" },
  LD102: { severity: "error", summary: "A value has the wrong type.", source: "ldgen" },
  LD103: { severity: "error", summary: "A required key is missing.", source: "ldgen" },
  LD104: { severity: "error", summary: "A value is not one of the allowed values.", source: "ldgen" },
  LD105: { severity: "error", summary: "A duration is not an integer of seconds or a number with s, m, h or d.", source: "ldgen" },
  LD106: { severity: "error", summary: "A number or duration is outside the range AWS accepts.", source: `${API}/API_CreateFunction.html` },
  LD107: { severity: "error", summary: "A value does not have the required format (name, ARN, S3 URL, schedule, timestamp).", source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html" },
  LD171: { severity: "error", summary: `A schedule or eventPattern trigger's \`retries\` must be ${span(LIMITS.targetRetries)}.`, source: EB_RETRY },
  LD172: { severity: "error", summary: `A schedule or eventPattern trigger's \`maxEventAge\` must be ${spanOf(LIMITS.targetMaxEventAge)}.`, source: EB_RETRY },
  LD170: { severity: "error", summary: `\`deadLetter.maxReceiveCount\` must be ${span(LIMITS.maxReceiveCount)}.`, source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html" },
  LD180: { severity: "error", summary: "An sns trigger's or an SNS topic subscription's dead-letter queue must be in the same account and region as the subscription ldgen creates.", source: "https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html" },
  LD181: { severity: "warning", summary: "SNS or EventBridge sends dead letters, or CloudWatch alarm notifications, to a queue or topic encrypted with a customer managed key, whose key policy must let that service use the key (ldgen does not write key policies).", source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services" },
  LD183: { severity: "warning", summary: "`subscriptions` on an existing SNS topic (given by `arn`) are not written: ldgen writes subscriptions, and their dead-letter queues, only for topics it creates.", source: "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html" },
  LD182: { severity: "warning", summary: "An alarm on a failure queue or topic in another account or region than the spec's never fires: CloudWatch alarms read metrics of their own account and region.", source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html" },
  LD150: { severity: "error", summary: "An IAM action in `policies` is not `<service>:<action>`.", source: `${IAM}/reference_policies_elements_action.html` },
  LD151: { severity: "error", summary: "A `policies` resource is not an ARN, `*`, the name of a spec entry with an ARN, or `<name>/*`.", source: `${IAM}/reference_policies_elements_resource.html` },
  LD152: { severity: "error", summary: "A function's `vpc` needs both subnets and security groups.", source: `${API}/API_VpcConfig.html` },
  LD153: { severity: "error", summary: "A created function's `qualifier` is an alias name AWS rejects (a version number, `$LATEST`, or over 128 characters).", source: `${API}/API_CreateAlias.html` },
  LD154: { severity: "error", summary: "A statement id is not letters and digits, or is used twice in one policy document.", source: `${IAM}/reference_policies_elements_sid.html` },

  // AWS values (checked where AWS would reject them at apply)
  LD110: { severity: "error", summary: "`runtime` is not an identifier AWS knows (the hashicorp/aws 5.100.0 list), with the nearest one as a suggestion.", source: `${API}/API_CreateFunction.html#lambda-CreateFunction-request-Runtime` },
  LD111: { severity: "warning", summary: "`runtime` is past AWS's deprecation date: no security updates, and AWS then blocks creating and updating functions.", source: `${LAMBDA}/lambda-runtimes.html` },
  LD112: { severity: "error", summary: "An environment variable name must match `[a-zA-Z][a-zA-Z0-9_]+`.", source: `${API}/API_Environment.html` },
  LD113: { severity: "error", summary: "An environment variable name is one Lambda reserves (AWS_REGION, _HANDLER, ...).", source: `${LAMBDA}/configuration-envvars.html#configuration-envvars-runtime` },
  LD114: { severity: "error", summary: `A function's environment variables take more than ${LIMITS.environmentBytes} bytes (4 KB) in total.`, source: `${LAMBDA}/gettingstarted-limits.html` },
  LD117: { severity: "error", summary: `A function takes at most ${LIMITS.layers} layers.`, source: `${LAMBDA}/gettingstarted-limits.html` },
  LD118: { severity: "error", summary: "An S3 trigger's bucket does not follow S3's bucket naming rules.", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html" },
  LD119: { severity: "error", summary: "An S3 trigger's bucket is a URL or an ARN where its name is expected.", source: "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket_notification" },
  LD120: { severity: "error", summary: "An S3 event type that S3 does not send.", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html" },
  LD121: { severity: "error", summary: "A `rate()` schedule needs a positive value, a singular unit for 1 and a plural one otherwise.", source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-rate-expressions" },
  LD122: { severity: "error", summary: "A `cron()` schedule needs six valid fields and `?` in exactly one of day-of-month and day-of-week.", source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions" },
  LD123: { severity: "error", summary: "An event pattern or filter pattern has a leaf that is not an array of values or matchers.", source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html" },
  LD124: { severity: "error", summary: "`startingTimestamp` is not a real instant (such as February 30).", source: `${ESM_API}#lambda-CreateEventSourceMapping-request-StartingPositionTimestamp` },
  LD125: { severity: "error", summary: "A Kafka bootstrap server is not `host:port`.", source: `${LAMBDA}/with-kafka.html` },
  LD126: { severity: "error", summary: `An SQS queue's \`retention\` is outside ${spanOf(LIMITS.sqsRetention)}.`, source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html" },
  LD127: { severity: "error", summary: "`terraform.requiredVersion` or `terraform.awsProvider` is not a version constraint.", source: "https://developer.hashicorp.com/terraform/language/expressions/version-constraints" },

  // Names and references
  LD201: { severity: "error", summary: "A reference names nothing declared under destinations, sources or functions.", source: "ldgen" },
  LD202: { severity: "error", summary: "A name is declared twice across destinations, sources and functions.", source: "ldgen" },
  LD203: { severity: "error", summary: "Two names become the same Terraform address.", source: "https://developer.hashicorp.com/terraform/language/syntax/configuration#identifiers" },
  LD204: { severity: "error", summary: `An AWS name is longer than AWS allows (${NAME_LIMITS}).`, source: `${API}/API_CreateFunction.html#lambda-CreateFunction-request-FunctionName` },
  LD205: { severity: "error", summary: "This kind of resource cannot be created by ldgen: give its `arn`.", source: "ldgen" },
  LD206: { severity: "error", summary: "A created function's `role` must be a role ARN (ldgen cannot look up account IDs offline).", source: `${API}/API_CreateFunction.html#lambda-CreateFunction-request-Role` },
  LD207: { severity: "warning", summary: "A local code archive does not exist yet; `terraform plan` needs it.", source: "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function" },
  LD208: { severity: "warning", summary: "An existing function has no `role`: its role needs the permissions ldgen prints.", source: `${LAMBDA}/lambda-intro-execution-role.html` },
  LD209: { severity: "error", summary: "An ARN is malformed or names a service ldgen does not wire.", source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html" },
  LD210: { severity: "error", summary: "A key does not apply to this kind of resource.", source: "ldgen" },
  LD211: { severity: "error", summary: "A dead-letter queue must be a standard SQS queue or SNS topic, and an sns trigger an SNS topic.", source: `${API}/API_DeadLetterConfig.html` },
  LD212: { severity: "error", summary: "An SQS queue or SNS topic ARN names a queue or topic AWS cannot have (characters, length).", source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html" },
  LD213: { severity: "error", summary: "A DynamoDB mapping needs the table's stream ARN, not the table ARN.", source: `${LAMBDA}/with-ddb.html` },
  LD214: { severity: "error", summary: "An EventBridge destination needs an event bus ARN (not a rule ARN).", source: ASYNC_DEST },
  LD215: { severity: "error", summary: "An SNS FIFO topic cannot invoke a function (it delivers to SQS queues only).", source: "https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html" },
  LD216: { severity: "error", summary: "Two S3 notifications on one bucket share an event type with overlapping prefix and suffix filters.", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html" },
  LD217: { severity: "warning", summary: "The aws_s3_bucket_notification ldgen writes replaces every notification an existing bucket has.", source: "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket_notification" },
  LD270: { severity: "error", summary: "A `deadLetter` must be an SQS queue.", source: SQS_DLQ },
  LD271: { severity: "error", summary: "A FIFO queue or topic needs a FIFO dead-letter queue, a standard one a standard queue (EventBridge: standard only).", source: SQS_DLQ },
  LD272: { severity: "error", summary: "A queue cannot be its own dead-letter queue.", source: SQS_DLQ },
  LD273: { severity: "error", summary: "A dead-letter queue must be in the same account and region as the queue that sends to it.", source: SQS_DLQ },
  LD275: { severity: "error", summary: "An eventPattern trigger's `bus` must be an EventBridge event bus.", source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html" },
  LD276: { severity: "error", summary: "Schedules run on the default event bus only: a schedule trigger takes no `bus`.", source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html" },
  LD277: {
    severity: "warning",
    summary: `More than ${LIMITS.redriveAllowSources} queues send to one dead-letter queue: a redrive allow policy names at most ${LIMITS.redriveAllowSources} source queues, so ldgen writes \`redrivePermission = "allowAll"\` (any queue in the account and region may use it) instead of refusing a shared dead-letter queue.`,
    source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html",
  },
  LD274: { severity: "error", summary: "`monitoring.notify` must be a standard SNS topic.", source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html" },
  LD250: { severity: "warning", summary: "A `policies` statement grants on every resource (`*`).", source: `${IAM}/best-practices.html#grant-least-privilege` },
  LD280: { severity: "warning", summary: "`protect` on an entry ldgen does not create (given by `arn`): there is nothing of it to protect.", source: "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy" },
  LD281: { severity: "error", summary: "`renamedFrom` names an entry that is still declared, the entry itself, or a name another entry was renamed from too.", source: "https://developer.hashicorp.com/terraform/language/modules/develop/refactoring#moved-block-syntax" },
  LD282: { severity: "warning", summary: "`renamedFrom` moves the entry's resources, but AWS names still change, so AWS replaces the resources they name: set `awsName` to the old name to keep them.", source: "https://developer.hashicorp.com/terraform/language/modules/develop/refactoring" },
  LD284: { severity: "error", summary: "An explicit `awsName` of a FIFO queue or topic does not end in `.fifo`.", source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html" },

  // Asynchronous invocation
  LD301: { severity: "error", summary: `\`async.retries\` must be ${span(LIMITS.asyncRetries)}.`, source: `${API}/API_PutFunctionEventInvokeConfig.html` },
  LD302: { severity: "error", summary: `\`async.maxEventAge\` must be ${spanOf(LIMITS.maxEventAge)}.`, source: `${API}/API_PutFunctionEventInvokeConfig.html` },
  LD303: { severity: "error", summary: "An S3 bucket can only be an on-failure destination.", source: ASYNC_DEST },
  LD304: { severity: "error", summary: "FIFO queues and FIFO topics are not valid Lambda destinations.", source: ASYNC_DEST },
  LD305: { severity: "error", summary: `An async destination must be ${KINDS_THAT.receiveAsyncResults}.`, source: ASYNC_DEST },
  LD306: { severity: "warning", summary: "A function has both an async on-failure destination and a dead-letter queue.", source: `${LAMBDA}/invocation-async-retain-records.html#invocation-dlq` },
  LD307: { severity: "info", summary: "An async config without `onFailure` drops events once retries are exhausted.", source: ASYNC_DEST },
  LD330: { severity: "warning", summary: "An `async` config on a function that nothing in the spec invokes asynchronously: its destinations never fire.", source: `${LAMBDA}/invocation-async-retain-records.html#invocation-async-destinations` },

  // Event source mappings
  LD401: { severity: "error", summary: `${KINDS_THAT.takeNoMappingOnFailure} mappings take no \`onFailure\` (for SQS, give the source queue a \`deadLetter\`).`, source: `${LAMBDA}/services-sqs-errorhandling.html` },
  LD402: { severity: "error", summary: "Event source mappings take no on-success destination.", source: ESM_DEST },
  LD403: { severity: "error", summary: `A stream or Kafka mapping's \`onFailure\` must be ${KINDS_THAT.receiveMappingFailures}.`, source: `${API}/API_OnFailure.html` },
  LD404: { severity: "error", summary: `${KINDS_THAT.needStartingPosition} mappings need \`startingPosition\`.`, source: ESM_API },
  LD405: { severity: "error", summary: `${KINDS_THAT.takeNoStartingPosition} mappings take no \`startingPosition\`.`, source: ESM_API },
  LD406: { severity: "error", summary: "`AT_TIMESTAMP` needs `startingTimestamp`, and `startingTimestamp` needs `AT_TIMESTAMP`.", source: ESM_API },
  LD407: { severity: "error", summary: `\`AT_TIMESTAMP\` is for ${KINDS_THAT.startAtTimestamp} only.`, source: ESM_API },
  LD408: { severity: "error", summary: `\`batchSize\` must be ${span(LIMITS.batchSize)}.`, source: ESM_API },
  LD409: { severity: "error", summary: `A FIFO SQS mapping takes at most ${LIMITS.sqsUnbatched} records a batch and no batching window.`, source: `${LAMBDA}/services-sqs-configure.html` },
  LD410: { severity: "error", summary: `An SQS batch size over ${LIMITS.sqsUnbatched} needs a \`batchWindow\` of at least 1s.`, source: ESM_API },
  LD411: { severity: "error", summary: `\`batchWindow\` must be ${LIMITS.batchWindow.min}..${LIMITS.batchWindow.max}s.`, source: ESM_API },
  LD412: { severity: "error", summary: `Retry, record-age, bisect, parallelization and tumbling-window settings are for ${KINDS_THAT.areStreams} only.`, source: `${LAMBDA}/with-kinesis.html` },
  LD413: { severity: "error", summary: `\`retries\` must be ${span(LIMITS.mappingRetries)}.`, source: ESM_API },
  LD414: { severity: "error", summary: `\`maxRecordAge\` must be -1 or ${spanOf(LIMITS.maxRecordAge)}.`, source: ESM_API },
  LD415: { severity: "error", summary: `\`parallelization\` must be ${span(LIMITS.parallelization)}.`, source: ESM_API },
  LD416: { severity: "error", summary: `\`tumblingWindow\` must be ${LIMITS.tumblingWindow.min}..${formatDuration(LIMITS.tumblingWindow.max)}.`, source: ESM_API },
  LD417: { severity: "error", summary: `\`maxConcurrency\` is for SQS only and must be ${span(LIMITS.maxConcurrency)}.`, source: `${API}/API_ScalingConfig.html` },
  LD418: { severity: "error", summary: `A mapping takes at most ${LIMITS.filters} filters.`, source: `${LAMBDA}/invocation-eventfiltering.html` },
  LD419: { severity: "error", summary: `\`reportBatchItemFailures\` is for ${KINDS_THAT.reportBatchItemFailures}.`, source: `${API}/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-FunctionResponseTypes` },
  LD420: { severity: "error", summary: `${KINDS_THAT.areKafka} mappings need \`topic\`; \`topic\` and \`consumerGroupId\` are for them only.`, source: ESM_API },
  LD421: { severity: "error", summary: "This kind of resource cannot be read by an event source mapping.", source: ESM_API },
  LD422: { severity: "warning", summary: `More than ${LIMITS.filtersDefaultQuota} filters on a mapping: AWS's default quota, raised on request.`, source: `${LAMBDA}/invocation-eventfiltering.html` },
  LD423: { severity: "error", summary: "Lambda does not filter DocumentDB events.", source: `${LAMBDA}/invocation-eventfiltering.html` },
  LD424: { severity: "warning", summary: "An SQS mapping's `maxConcurrency` is above the function's `reservedConcurrency`.", source: `${LAMBDA}/services-sqs-scaling.html#events-sqs-max-concurrency` },
  LD425: { severity: "warning", summary: "Two mappings read one SQS queue, and each message goes to one of them.", source: `${LAMBDA}/services-sqs-configure.html` },

  // SQS visibility timeout
  LD501: { severity: "error", summary: "A source queue's `visibilityTimeout` is below its consumer's timeout.", source: `${LAMBDA}/services-sqs-configure.html#events-sqs-queueconfig` },
  LD502: { severity: "warning", summary: `A source queue's \`visibilityTimeout\` is below ${LIMITS.visibilityFactor} times its consumer's timeout (plus its batching window).`, source: `${LAMBDA}/services-sqs-configure.html#events-sqs-queueconfig` },

  // The graph
  LD601: { severity: "warning", summary: "A function is its own destination.", source: `${LAMBDA}/invocation-recursion.html` },
  LD602: { severity: "warning", summary: "Lambda destinations form a cycle.", source: `${LAMBDA}/invocation-recursion.html` },
  LD603: { severity: "warning", summary: "A function's results reach, through S3, SNS or SQS, what invokes it: a recursive loop.", source: `${LAMBDA}/invocation-recursion.html` },

  // Accounts and regions
  LD701: { severity: "warning", summary: "A destination or source is in another account: its resource policy must allow the function's role.", source: `${LAMBDA}/invocation-async-retain-records.html` },
  LD702: { severity: "warning", summary: "A destination is in another region than the function: its resource policy must allow the function.", source: `${LAMBDA}/invocation-async-retain-records.html` },
  LD703: { severity: "error", summary: "An event source mapping reads from another region than the function's.", source: ESM_API },
  LD730: { severity: "error", summary: "An ARN is in another partition than the spec's `partition`.", source: `${IAM}/reference-arns.html` },

  // The platform layer (ldgen.platform.yaml): each requirement is reported at the spec's line that breaks it
  LD801: { severity: "error", summary: "The spec lacks a tag the platform file requires (`require.tags`).", source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html" },
  LD802: { severity: "error", summary: "A function uses a runtime the platform file does not allow (`require.runtimes`).", source: `${LAMBDA}/lambda-runtimes.html` },
  LD803: { severity: "error", summary: "A function uses an architecture the platform file does not allow (`require.architectures`).", source: `${LAMBDA}/foundation-arch.html` },
  LD804: { severity: "error", summary: "A function's timeout is above the platform file's `require.maxTimeout`.", source: `${LAMBDA}/configuration-timeout.html` },
  LD805: { severity: "error", summary: "A function's memory is above the platform file's `require.maxMemory`.", source: `${LAMBDA}/configuration-memory.html` },
  LD806: { severity: "error", summary: "An asynchronous invocation config has no `onFailure` (`require.onFailure`).", source: ASYNC_DEST },
  LD807: { severity: "error", summary: "An SQS queue that feeds a mapping has no `deadLetter` (`require.deadLetter`).", source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html" },
  LD808: { severity: "error", summary: "The spec has no `monitoring` section (`require.monitoring`).", source: `${LAMBDA}/monitoring-metrics-types.html` },
  LD809: { severity: "error", summary: "A created queue or topic names no `kmsKey` (`require.encryption: kms`).", source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html" },
  LD810: { severity: "error", summary: "The spec's name does not match the platform file's `require.namePattern`.", source: "ldgen" },
  LD811: { severity: "error", summary: "An entry of a kind the platform file's `require.protect` names says `protect: false`.", source: "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy" },
  // The platform file and templates themselves
  LD820: { severity: "error", summary: "The platform file's `require.namePattern` is not a valid regular expression.", source: "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Guide/Regular_expressions" },
  LD821: { severity: "error", summary: "The templates folder named by the platform file does not exist.", source: "ldgen" },
  LD822: { severity: "error", summary: "A template does not compile or fails to render (named with its file and line).", source: "https://handlebarsjs.com/guide/" },
  LD823: { severity: "error", summary: "A file in a templates folder matches no built-in template, resource type or extra/ folder.", source: "ldgen" },
} as const satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;

/** The fixture that triggers a rule alone, relative to the repository root. */
export const ruleFixture = (code: RuleCode): string => `test/fixtures/rules/${code}.yaml`;

/** The catalog's groups, by the first digit of the code (for the docs page). */
export const RULE_GROUPS: Readonly<Record<string, string>> = {
  "0": "Reading the file",
  "1": "The shape of the spec",
  "2": "Names and references",
  "3": "Asynchronous invocation",
  "4": "Event source mappings",
  "5": "SQS visibility timeout",
  "6": "The graph",
  "7": "Accounts and regions",
  "8": "The platform layer",
};
