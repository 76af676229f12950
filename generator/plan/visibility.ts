import type { Endpoint, Model } from "../model/types";

/** AWS's default visibility timeout for a new queue. */
export const DEFAULT_VISIBILITY_TIMEOUT = 30;

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
  const needed = Math.max(0, ...consumersOf(endpoint, model).map((c) => 6 * c.timeout + c.batchWindow));
  return Math.min(43200, Math.max(DEFAULT_VISIBILITY_TIMEOUT, needed));
}
