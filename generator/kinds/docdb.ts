import { block, body, opt, str } from "../plan/view";
import { secretAccess } from "./access";
import type { Kind } from "./kind";

/** An Amazon DocumentDB cluster's change stream, referenced by the cluster ARN. */
export const docdb: Kind = {
  type: "docdb",
  title: "DocumentDB",
  arnService: "rds",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: {
    stream: false,
    filters: false,
    kafka: false,
    startingPosition: "required",
    atTimestamp: true,
    onFailure: false,
    batchItemFailures: false,
    batchSize: 100,
    mappingItems: (source) => [
      ...secretAccess(source, "BASIC_AUTH"),
      block("document_db_event_source_config", body({ database_name: str(source.database ?? ""), collection_name: opt(source.collection, str) })),
    ],
  },
};
