import type { Filled } from "../unknowns";
import type { Plan } from "../../plan/view";
import type { StateResource } from "../read";

/** A spec path (`["functions", "resize", "async"]`). */
export type SpecPath = (string | number)[];

/** How the spec uses an endpoint a function's wiring refers to. */
export type Use = "destination" | "source";

/** The spec being built: plain data in the spec's shape, keyed by entry name. */
export interface Draft {
  name: string;
  region?: string;
  account?: string;
  partition?: string;
  tags?: Record<string, string>;
  destinations: Record<string, Record<string, unknown>>;
  sources: Record<string, Record<string, unknown>>;
  functions: Record<string, Record<string, unknown>>;
  monitoring?: Record<string, unknown>;
}

/** What a kind importer may ask of the import (`context.ts`). Lookups are indexed: no scan per resource. */
export interface ImportContext {
  readonly draft: Draft;
  /** A plan's values made before apply (`estimates`) and what stayed unknown; empty for a state. */
  readonly filled: Filled;
  /** Whether a plan does not know the value at `path` (or under it) of `address` until apply. */
  unknownIn(address: string, path: string): boolean;
  /** Every managed resource of a type, in the input's order. */
  resources(type: string): readonly StateResource[];
  /** The resource of a type whose `attribute` is `value` (an ARN, a name, a URL), if one is. */
  find(type: string, attribute: string, value: unknown): StateResource | undefined;
  /** The resource, of any type, whose `arn` is `arn`. */
  byArn(arn: string): StateResource | undefined;
  /**
   * The spec key of a resource named `awsName` (`<name>-<key>` gives `key`). A name that does not fit the pattern
   * gives a key made from it, and a difference on `attribute` (ldgen would rename it). Undefined when another
   * resource of the type has that key already (an error is reported, naming both): skip the resource.
   */
  key(r: StateResource, awsName: string, attribute: string, prefix?: string): string | undefined;
  /** A local code file the state names (relative to the root it came from), as the spec writes it (relative to the spec). */
  codePath(filename: string): string;
  /** The spec's function key of a function name, ARN or qualified ARN that the import holds. */
  functionKey(nameOrArn: string): string | undefined;
  /**
   * The function key of a function the wiring names (name, ARN or qualified ARN): one the import holds, else an
   * existing function (`arn`, declared on first use; a qualifier in the ARN becomes its `qualifier`). Undefined when
   * it is a bare name and no ARN in the input gives the account and region to make its ARN from.
   */
  wiredFunction(nameOrArn: string, qualifier?: string): string | undefined;
  /** The function key a resource was imported as (its `aws_lambda_function`). */
  functionOf(r: StateResource): string | undefined;
  /**
   * A reference to an ARN, as the spec writes it: the spec name of the function or endpoint the import holds
   * (declared on first use, under `destinations` or `sources`), else the ARN itself (an existing resource).
   */
  reference(arn: string, use: Use, from: { address: string; attribute: string }): string;
  /** The endpoints of a type the wiring referred to, with how they were used, in order of first use. */
  referenced(type: string): readonly { resource: StateResource; uses: ReadonlySet<Use>; key: string }[];
  /** `r` becomes ldgen's `to` (an address in the generated root), made by the spec entry at `path`. */
  claim(r: StateResource, to: string, path: SpecPath): void;
  claimed(r: StateResource): boolean;
  /** What was claimed as ldgen's `to`. */
  claimAt(to: string): { from: StateResource; to: string; path: SpecPath } | undefined;
  /** Something of `address` the spec cannot express. */
  difference(address: string, attribute: string, message: string): void;
  /** A resource ldgen does not own. Unclaimed resources are left out at the end anyway; this gives the reason. */
  leaveOut(r: StateResource, reason: string): void;
  /** A note shown as a YAML comment above the entry at `path` (the source addresses are added by `claim`). */
  note(path: SpecPath, text: string): void;
}

/** A default the comparison accepts: the provider or AWS computes the value when the configuration leaves it unset. */
export const PROVIDER = Symbol("computed by the provider when unset");
/**
 * On a top-level attribute or block: the provider keeps the state's value when the configuration leaves it unset
 * (Optional and Computed: a function's `ephemeral_storage`). A value under it that is not the default is still a
 * difference, which Terraform does not change: the generated root no longer manages it.
 */
export const KEPT = Symbol("kept from the state when unset");
/**
 * Per resource type, per attribute path without list indexes (`ephemeral_storage.size`): the value AWS gives an
 * attribute the configuration leaves unset (a constant, or made from the resource's values), or PROVIDER. A state
 * value equal to it is not a difference when ldgen's plan does not set the attribute.
 */
/** A default AWS gives as one of several values (`oneOf(300, 0)`: the first is the one shown). */
export class OneOf {
  constructor(readonly values: unknown[]) {}
}
export const oneOf = (...values: unknown[]) => new OneOf(values);
export type Default = OneOf | string | number | boolean | unknown[] | typeof PROVIDER | typeof KEPT | ((values: Record<string, unknown>) => unknown);
export type Defaults = Record<string, Record<string, Default>>;

/**
 * Turns an endpoint that the wiring refers to into a spec entry, on its first use (`ctx.reference`). The context
 * places the entry under `destinations` or `sources` (a queue used as both is a destination), and moves it when a
 * later use asks: keep the object, don't copy it.
 */
export interface EndpointImporter {
  /** The spec key of this endpoint (usually ctx.key of its AWS name); undefined: not an entry (the ARN stays). */
  key(r: StateResource, ctx: ImportContext): string | undefined;
  /** The entry's keys (`type` first); claims `r` and what belongs to it (a topic's subscriptions). */
  entry(r: StateResource, ctx: ImportContext, key: string): Record<string, unknown>;
}

/**
 * One importer per family of resources, in the registry (`registry.ts`). Kinds run in `phase` order: 0 functions;
 * 10 what belongs to a function (role, policies, log group, alias); 20 wiring (async configs, mappings, triggers,
 * permissions); 30 the endpoints the wiring referred to (queues, topics, buses, buckets, streams); 40 what
 * watches them (redrive policies, alarms).
 */
export interface ImportKind {
  name: string;
  phase: number;
  /** Resource types whose instances can be referred to by ARN and become spec entries (`ctx.reference`). */
  endpoints?: Record<string, EndpointImporter>;
  run(ctx: ImportContext): void;
  /** What AWS sets on the kind's resource types when the configuration does not (see Defaults). */
  defaults?: Defaults;
  /**
   * After the spec is planned once: what needs ldgen's own plan to tell (a role policy's statements that ldgen
   * writes from the wiring, and the rest). True when it changed the draft: the spec is planned again.
   */
  afterPlan?(ctx: ImportContext, plan: Plan): boolean;
}
