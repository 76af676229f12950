import { block, body, str, strings, stringMap } from "../plan/view";
import { secretAccess } from "./access";
import type { Kind, SourceTraits } from "./kind";

const traits = { stream: false, kafka: true, startingPosition: "required", atTimestamp: true, onFailure: true, batchItemFailures: false, batchSize: 100 } as const satisfies SourceTraits;

/** An Amazon MSK cluster, referenced by its ARN; a SCRAM secret when it has one. */
export const msk: Kind = {
  type: "msk",
  title: "Amazon MSK",
  arnService: "kafka",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: {
    ...traits,
    mappingItems: (source, m) => [
      ...(m.topic ? [{ attr: "topics", value: strings([m.topic]) }] : []),
      ...secretAccess(source, "SASL_SCRAM_512_AUTH"),
      block("amazon_managed_kafka_event_source_config", body({ consumer_group_id: str(m.consumerGroup) })),
    ],
  },
};

/** A self-managed Kafka cluster, reached through its bootstrap servers; SASL/PLAIN with its secret. */
export const kafka: Kind = {
  type: "kafka",
  title: "Kafka",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: {
    ...traits,
    mappingItems: (source, m) => [
      ...(m.topic ? [{ attr: "topics", value: strings([m.topic]) }] : []),
      block("self_managed_event_source", body({ endpoints: stringMap({ KAFKA_BOOTSTRAP_SERVERS: (source.bootstrapServers ?? []).join(",") }) })),
      ...secretAccess(source, "BASIC_AUTH"),
      block("self_managed_kafka_event_source_config", body({ consumer_group_id: str(m.consumerGroup) })),
    ],
  },
};
