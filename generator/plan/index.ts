import type { KindContext } from "../kinds/kind";
import { kindOf } from "../kinds/registry";
import type { Endpoint, Model } from "../model/types";
import { planFunction } from "./functions";
import { ASSUME_ROLE_LABEL, assumeRoleDocument } from "./iam";
import { planMonitoring } from "./monitoring";
import { deadLetterSenders, planQueuePolicies } from "./queue-policies";
import { redriveSources } from "../model/failures";
import { DEAD_LETTER_RETENTION, planRedrive, redrivePolicy } from "./redrive";
import { arnOf } from "./refs";
import { planTriggers } from "./triggers";
import { markProtected } from "./protect";
import { fromData, stringMap, type FileName, type Output, type Plan, type Resource, type Value } from "./view";
import { visibilityTimeout } from "./visibility";

export interface PlanOptions {
  /** The output folder (`DIR`), to make local code paths relative to `DIR/hcl` and `DIR/cdktf`. */
  outDir: string;
}

/** The view model of the whole root module: resources grouped by file, and outputs. */
export function plan(model: Model, options: PlanOptions): Plan {
  const files: Record<FileName, Resource[]> = { functions: [], iam: [], destinations: [], sources: [], wiring: [], triggers: [], monitoring: [] };
  const outputs: Output[] = [];
  // Every taggable resource carries the spec's tags, then its own entry's (which win). Most have none of
  // their own: they share one value of the spec's tags.
  const specTags = hasKeys(model.tags) ? stringMap(model.tags) : undefined;
  const tags = (own: Record<string, string>): Value | undefined => (hasKeys(own) ? stringMap({ ...model.tags, ...own }) : specTags);

  if (model.functions.some((fn) => !fn.arn && !fn.role)) {
    files.iam.push({ mode: "data", type: "aws_iam_policy_document", label: ASSUME_ROLE_LABEL, origin: ["functions"], dependsOn: [], body: assumeRoleDocument() });
  }
  for (const fn of model.functions) {
    const p = planFunction(fn, model, { outDir: options.outDir, tags });
    append(files.functions, p.functions);
    append(files.iam, p.iam);
    append(files.wiring, p.wiring);
    append(outputs, p.outputs);
  }
  const triggerDeadLetters = deadLetterSenders(model);
  const kindContext: KindContext = {
    specName: model.name,
    tags: (e) => tags(e.tags),
    visibilityTimeout: (e) => visibilityTimeout(e, model),
    retention: (e) => e.retention ?? (redriveSources(e, model).length > 0 || triggerDeadLetters.has(e) ? DEAD_LETTER_RETENTION : undefined),
    redrivePolicy: (e) => (e.deadLetter?.edge.target.type === "sqs" ? redrivePolicy(e.deadLetter) : undefined),
    arnOf,
  };
  for (const endpoint of model.endpoints) {
    const kind = kindOf(endpoint.type);
    if (!endpoint.created || endpoint.fn || !kind.create) continue;
    const created = kind.create(endpoint, kindContext);
    append(files[isSource(endpoint) ? "sources" : "destinations"], created.resources);
    // (every output with the same fields, in the same order, as the functions' outputs)
    for (const o of created.outputs) outputs.push({ name: o.name, description: o.description, value: o.value, origin: o.origin ?? endpoint.path });
  }
  append(files.wiring, planRedrive(model));
  const queuePolicies = planQueuePolicies(model);
  append(files.wiring, queuePolicies.resources);
  append(outputs, queuePolicies.outputs);
  append(files.triggers, planTriggers(model, tags));
  append(files.monitoring, planMonitoring(model, tags));
  const out: Plan = {
    name: model.name,
    region: model.region,
    tags: model.tags,
    terraform: {
      requiredVersion: model.terraform.requiredVersion,
      awsProvider: model.terraform.awsProvider,
      backend: model.terraform.backend && { type: model.terraform.backend.type, config: Object.entries(model.terraform.backend.config ?? {}).map(([k, v]) => [k, fromData(v)]) },
    },
    files: (Object.keys(files) as FileName[]).map((name) => ({ name, resources: files[name] })),
    outputs,
    moves: [],
  };
  markProtected(out, model);
  return out;
}

/** Declared under `sources` (rather than destinations or inline). */
function isSource(endpoint: Endpoint): boolean {
  return endpoint.path[0] === "sources";
}

function hasKeys(object: Record<string, unknown>): boolean {
  for (const _ in object) return true;
  return false;
}

/** `target.push(...items)` without spreading: a call with a hundred thousand arguments overflows the stack. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
