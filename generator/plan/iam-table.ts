import type { EndpointType } from "../model/types";

/**
 * Which IAM actions each edge needs, as data. A grant applies to the endpoint's ARN, or to that
 * ARN with `suffix` (S3 objects). The policy builder makes one statement per edge from these.
 */
export interface Grant {
  /** Statement id stem: `<verb><Endpoint>`. */
  verb: string;
  actions: string[];
  suffix?: string;
}

/** Sending a result to a destination (async OnSuccess/OnFailure, mapping OnFailure, dead-letter queue). */
export const SEND: Partial<Record<EndpointType, Grant[]>> = {
  sqs: [{ verb: "SendTo", actions: ["sqs:SendMessage"] }],
  sns: [{ verb: "PublishTo", actions: ["sns:Publish"] }],
  eventbridge: [{ verb: "PutEventsOn", actions: ["events:PutEvents"] }],
  lambda: [{ verb: "Invoke", actions: ["lambda:InvokeFunction"] }],
  s3: [
    { verb: "PutObjectsIn", actions: ["s3:PutObject"], suffix: "/*" },
    { verb: "ListBucket", actions: ["s3:ListBucket"] },
  ],
};

/** Reading from an event source through a mapping (the mapping uses the function's role). */
export const READ: Partial<Record<EndpointType, Grant[]>> = {
  sqs: [{ verb: "ReadFrom", actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"] }],
  kinesis: [
    {
      verb: "ReadFrom",
      actions: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams"],
    },
  ],
  dynamodb: [{ verb: "ReadFrom", actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"] }],
  msk: [{ verb: "ReadFrom", actions: ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"] }],
  mq: [{ verb: "ReadFrom", actions: ["mq:DescribeBroker"] }],
  docdb: [{ verb: "ReadFrom", actions: ["rds:DescribeDBClusterParameters", "rds:DescribeDBClusters", "rds:DescribeDBSubnetGroups"] }],
};

/**
 * Amazon MSK with IAM authentication (no secret): connect to the cluster, read the topic, and
 * commit offsets for the consumer group, each on its own ARN.
 */
export const MSK_IAM: { connect: Grant; topic: Grant; group: Grant } = {
  connect: { verb: "ConnectTo", actions: ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"] },
  topic: { verb: "ReadTopicOf", actions: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"] },
  group: { verb: "CommitOffsetsOn", actions: ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"] },
};

/** A customer-managed key on the other side of an edge. */
export const KMS = {
  send: { verb: "EncryptFor", actions: ["kms:Decrypt", "kms:GenerateDataKey"] },
  read: { verb: "DecryptFrom", actions: ["kms:Decrypt"] },
} satisfies Record<string, Grant>;

/**
 * A Kinesis stream read through an enhanced fan-out consumer (a source ARN `...:stream/<s>/consumer/<c>:<time>`):
 * the stream's read actions on the stream, and these on the consumer (with-kinesis.html: Lambda subscribes to each
 * shard through it).
 */
export const KINESIS_CONSUMER: Grant = { verb: "SubscribeTo", actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"] };

/** The stream of a Kinesis enhanced fan-out consumer's ARN; undefined for any other ARN. */
export const consumerStream = (arn: string): string | undefined => /^(arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/[^/]+)\/consumer\/[^/:]+:\d+$/.exec(arn)?.[1];

/** A Secrets Manager secret a mapping authenticates with. */
export const SECRET: Grant = { verb: "ReadSecretFor", actions: ["secretsmanager:GetSecretValue"] };

/** Writing the function's own logs, on its own log group. */
export const LOGS: Grant = { verb: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], suffix: ":*" };

/**
 * Managed policies for what cannot be scoped to an ARN: X-Ray writes, and the VPC network
 * interfaces that Kafka, Amazon MQ and DocumentDB pollers create. They are attached, never inlined,
 * so ldgen's own policies name exact ARNs only.
 */
export const MANAGED = {
  tracing: "AWSXRayDaemonWriteAccess",
  vpc: "service-role/AWSLambdaVPCAccessExecutionRole",
} as const;

/** The ARN of an AWS managed policy in a partition: `arn:<partition>:iam::aws:policy/<path>`. */
export const managedPolicyArn = (partition: string, name: string): string => `arn:${partition}:iam::aws:policy/${name}`;
export const NEEDS_VPC: ReadonlySet<EndpointType> = new Set(["msk", "kafka", "mq", "docdb"]);

/**
 * What the pollers of those sources also call and the VPC access policy does not grant: they look up
 * the source's VPC and security groups (Lambda's pages for Amazon MQ, MSK, self-managed Kafka and
 * DocumentDB list both). EC2 Describe actions take no resource-level permissions, so this is the one
 * statement ldgen writes on "*": these two read-only actions, for functions that poll such a source.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html#events-mq-permissions
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const POLLER_NETWORK: Grant = { verb: "DescribePollerNetwork", actions: ["ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"] };
