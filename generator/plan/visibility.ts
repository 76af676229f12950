import { LIMITS } from "../limits";
import type { Endpoint, Model } from "../model/types";

/** AWS's default visibility timeout for a new queue. */
export const DEFAULT_VISIBILITY_TIMEOUT = LIMITS.defaultVisibilityTimeout;

/** What AWS advises for a queue a consumer reads: six times its timeout, plus its batching window. */
export const advisedVisibility = (c: { timeout: number; batchWindow: number }): number => LIMITS.visibilityFactor * c.timeout + c.batchWindow;

/** The consumers of a queue: each function mapping it, with the timeout and batching window that bound its work. */
export function consumersOf(endpoint: Endpoint, model: Model): { fn: string; timeout: number; batchWindow: number }[] {
  return model.functions.flatMap((fn) =>
    fn.events.filter((m) => m.source.target === endpoint).map((m) => ({ fn: fn.name, timeout: fn.timeout, batchWindow: m.batchWindow ?? 0 })),
  );
}

/**
 * The visibility timeout a created queue gets: the declared one, or for a source queue at least six
 * times its consumers' timeout plus their batching window (AWS's recommendation), else AWS's default.
 */
export function visibilityTimeout(endpoint: Endpoint, model: Model): number | undefined {
  if (endpoint.type !== "sqs") return undefined;
  if (endpoint.visibilityTimeout !== undefined) return endpoint.visibilityTimeout;
  const needed = Math.max(0, ...consumersOf(endpoint, model).map(advisedVisibility));
  return Math.min(LIMITS.visibilityTimeout.max, Math.max(DEFAULT_VISIBILITY_TIMEOUT, needed));
}
