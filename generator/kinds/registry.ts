import type { EndpointType } from "../model/types";
import { eventbridge } from "./eventbridge";
import type { Kind } from "./kind";
import { kinesis } from "./kinesis";
import { docdb } from "./docdb";
import { dynamodb } from "./dynamodb";
import { kafka, msk } from "./kafka";
import { lambda } from "./lambda";
import { mq } from "./mq";
import { s3 } from "./s3";
import { sns } from "./sns";
import { sqs } from "./sqs";

export const KINDS: Readonly<Record<EndpointType, Kind>> = { sqs, sns, eventbridge, s3, lambda, kinesis, dynamodb, msk, kafka, mq, docdb };

export const kindOf = (type: EndpointType): Kind => KINDS[type];

/** Every endpoint type, in the registry's order (the order lists in messages and docs follow). */
export const ENDPOINT_TYPES = Object.keys(KINDS) as EndpointType[];
/** The types that pass `test`, in the registry's order. */
export const typesWhere = (test: (kind: Kind) => unknown): EndpointType[] => ENDPOINT_TYPES.filter((t) => test(KINDS[t]));

/** What a `destinations` entry (or an inline reference) may be: anything an async config can send to. */
export const DESTINATION_TYPES = typesWhere((k) => k.asyncDestination.onSuccess || k.asyncDestination.onFailure);
/** What a `sources` entry may be: anything an event source mapping reads. */
export const SOURCE_TYPES = typesWhere((k) => k.source);
/** Kinds ldgen creates when no `arn` is given; the rest must be referenced (kafka by its bootstrap servers). */
export const CREATABLE: ReadonlySet<EndpointType> = new Set(typesWhere((k) => k.create));

/** The endpoint type an ARN's service names. */
export function typeOfService(service: string): EndpointType | undefined {
  return ENDPOINT_TYPES.find((t) => KINDS[t].arnService === service);
}

/** The ARN services ldgen wires, for messages: `sqs, sns, events, ...`. */
export const ARN_SERVICES = ENDPOINT_TYPES.flatMap((t) => KINDS[t].arnService ?? []);
