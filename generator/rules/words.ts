import type { SourceTraits } from "../kinds/kind";
import { kindOf, SOURCE_TYPES, typesWhere } from "../kinds/registry";
import type { EndpointType } from "../model/types";

/** `SQS`, `Amazon MQ`: how messages name each kind of endpoint (its kind module's title). */
export const kindName = (type: EndpointType): string => kindOf(type).title;

/** `an SQS`, `a Kinesis`: the kind's name with its article (SQS, SNS and S3 are read "ess-"). */
export function aKind(type: EndpointType): string {
  const name = kindName(type);
  return `${/^[AES]/.test(name) ? "an" : "a"} ${name}`;
}

/** `a, b and c` / `a, b or c`. */
export function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** The names of these kinds as prose: `Kinesis, DynamoDB and Amazon MSK`. */
export const kindList = (types: readonly EndpointType[], conjunction: "and" | "or"): string => joinWords(types.map(kindName), conjunction);

const sourcesWhere = (test: (s: SourceTraits) => unknown): EndpointType[] => typesWhere((k) => k.source && test(k.source));
const bothWays = typesWhere((k) => k.asyncDestination.onSuccess && k.asyncDestination.onFailure);
const failureOnly = typesWhere((k) => k.asyncDestination.onFailure && !k.asyncDestination.onSuccess);

/** The kind lists rules and the catalog name, each read from the kind modules' traits. */
export const KINDS_THAT = {
  feedMappings: kindList(SOURCE_TYPES, "or"),
  needStartingPosition: kindList(sourcesWhere((s) => s.startingPosition === "required"), "and"),
  takeNoStartingPosition: kindList(sourcesWhere((s) => s.startingPosition === "forbidden"), "and"),
  startAtTimestamp: kindList(sourcesWhere((s) => s.atTimestamp), "and"),
  areStreams: kindList(sourcesWhere((s) => s.stream), "and"),
  areKafka: kindList(sourcesWhere((s) => s.kafka), "and"),
  reportBatchItemFailures: kindList(sourcesWhere((s) => s.batchItemFailures), "and"),
  takeNoMappingOnFailure: kindList(sourcesWhere((s) => !s.onFailure), "and"),
  receiveMappingFailures: kindList(typesWhere((k) => k.mappingDestination), "or"),
  receiveAsyncResults: joinWords([...bothWays.map(kindName), ...failureOnly.map((t) => `(on failure) ${kindName(t)}`)], "or"),
};
