import { typeOfService } from "../kinds/registry";
import type { EndpointType } from "./types";

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(text: string): Arn | undefined {
  const parts = text.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || !parts[2]) return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** The endpoint type an ARN names, read from its service (each kind module says which service is its). */
export function arnType(arn: Arn): EndpointType | undefined {
  return typeOfService(arn.service);
}

/** A short name for an ARN, for labels and statement ids: the last segment of its resource. */
export function arnShortName(arn: Arn): string {
  const resource = arn.service === "dynamodb" ? (arn.resource.split("/")[1] ?? arn.resource) : arn.resource;
  const segments = resource.split(/[/:]/).filter((s) => s !== "" && s !== "*");
  if (arn.service === "lambda") return segments[1] ?? segments[0];
  if (arn.service === "kafka") return segments[1] ?? segments[0];
  return segments[segments.length - 1] ?? arn.service;
}
