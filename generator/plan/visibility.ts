import { LIMITS } from "../limits";
import type { Endpoint, Model } from "../model/types";

/** AWS's default visibility timeout for a new queue. */
export const DEFAULT_VISIBILITY_TIMEOUT = LIMITS.defaultVisibilityTimeout;

/** What AWS advises for a queue a consumer reads: six times its timeout, plus its batching window. */
export const advisedVisibility = (c: { timeout: number; batchWindow: number }): number => LIMITS.visibilityFactor * c.timeout + c.batchWindow;

export interface Consumer {
  fn: string;
  timeout: number;
  batchWindow: number;
}

/** Every source's consumers, built once per model in one pass over the mappings (not one pass per queue). */
const consumersByModel = new WeakMap<Model, Map<Endpoint, Consumer[]>>();

/** The consumers of a queue: each function mapping it, with the timeout and batching window that bound its work. */
export function consumersOf(endpoint: Endpoint, model: Model): Consumer[] {
  let index = consumersByModel.get(model);
  if (!index) {
    index = new Map();
    for (const fn of model.functions) {
      for (const m of fn.events) {
        const target = m.source.target;
        let list = index.get(target);
        if (!list) index.set(target, (list = []));
        list.push({ fn: fn.name, timeout: fn.timeout, batchWindow: m.batchWindow ?? 0 });
      }
    }
    consumersByModel.set(model, index);
  }
  return index.get(endpoint) ?? [];
}

/**
 * The visibility timeout a created queue gets: the declared one, or for a source queue at least six
 * times its consumers' timeout plus their batching window (AWS's recommendation), else AWS's default.
 */
export function visibilityTimeout(endpoint: Endpoint, model: Model): number | undefined {
  if (endpoint.type !== "sqs") return undefined;
  if (endpoint.visibilityTimeout !== undefined) return endpoint.visibilityTimeout;
  const needed = consumersOf(endpoint, model).reduce((most, c) => Math.max(most, advisedVisibility(c)), 0);
  return Math.min(LIMITS.visibilityTimeout.max, Math.max(DEFAULT_VISIBILITY_TIMEOUT, needed));
}
