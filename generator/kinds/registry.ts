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
