import { strings } from "../plan/view";
import { secretAccess } from "./access";
import type { Kind } from "./kind";

/** An Amazon MQ broker, referenced by its ARN; one queue, read with the broker's credentials. */
export const mq: Kind = {
  type: "mq",
  title: "Amazon MQ",
  arnService: "mq",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: {
    stream: false,
    kafka: false,
    startingPosition: "forbidden",
    atTimestamp: false,
    onFailure: false,
    batchItemFailures: false,
    batchSize: 100,
    mappingItems: (source) => [...(source.queue ? [{ attr: "queues", value: strings([source.queue]) }] : []), ...secretAccess(source, "BASIC_AUTH")],
  },
};
