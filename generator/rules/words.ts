import { kindOf } from "../kinds/registry";
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
