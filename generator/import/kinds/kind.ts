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
  /** Something of `address` the spec cannot express. */
  difference(address: string, attribute: string, message: string): void;
  /** A resource ldgen does not own. Unclaimed resources are left out at the end anyway; this gives the reason. */
  leaveOut(r: StateResource, reason: string): void;
  /** A note shown as a YAML comment above the entry at `path` (the source addresses are added by `claim`). */
  note(path: SpecPath, text: string): void;
}

/** Turns an endpoint that the wiring refers to into a spec name (declared later, in the kind's `run`). */
export interface EndpointImporter {
  /** The spec key of this endpoint (usually ctx.key of its AWS name); undefined: not an entry (the ARN stays). */
  key(r: StateResource, ctx: ImportContext): string | undefined;
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
  /**
   * After the spec is planned once: what needs ldgen's own plan to tell (a role policy's statements that ldgen
   * writes from the wiring, and the rest). True when it changed the draft: the spec is planned again.
   */
  afterPlan?(ctx: ImportContext, plan: Plan): boolean;
}
