import * as path from "node:path";
import type { StateResource } from "./read";
import type { Filled } from "./unknowns";
import type { Draft, EndpointImporter, ImportContext, SpecPath, Use } from "./kinds/kind";

export interface Claim {
  from: StateResource;
  to: string;
  path: SpecPath;
}

export interface Difference {
  address: string;
  attribute: string;
  message: string;
}

/** A spec key from any name: lowercase letters, digits and '-', starting with a letter. */
export function keyFrom(text: string): string {
  const key = text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return /^[a-z]/.test(key) ? key : `x-${key || "entry"}`;
}

/**
 * Resource types whose `arn` is an argument naming another resource, not their own (the provider's schema: `arn`
 * required): a topic policy's topic, an EventBridge target's target. They are not found by that ARN.
 */
const ARN_OF_ANOTHER = new Set(["aws_cloudwatch_event_target", "aws_lakeformation_resource", "aws_notifications_channel_association", "aws_sns_topic_data_protection_policy", "aws_sns_topic_policy"]);

/** `arn:aws:lambda:r:a:function:f:live` -> `arn:aws:lambda:r:a:function:f` */
export const unqualified = (arn: string): string => arn.replace(/^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):.*$/, "$1");

export class Context implements ImportContext {
  readonly claims: Claim[] = [];
  readonly differences: Difference[] = [];
  readonly leftOut = new Map<string, string>();
  readonly notes = new Map<string, string[]>();
  readonly origins = new Map<string, string[]>();
  readonly errors: { message: string; address?: string }[] = [];
  private readonly byType = new Map<string, StateResource[]>();
  private readonly indexes = new Map<string, Map<unknown, StateResource>>();
  private readonly arns = new Map<string, StateResource>();
  private readonly claimedBy = new Map<string, Claim>();
  private readonly claimTo = new Map<string, Claim>();
  private readonly keys = new Map<string, { address: string; type: string; awsName: string }>();
  private readonly uses = new Map<string, Map<string, { resource: StateResource; uses: Set<Use>; key: string; body: Record<string, unknown> }>>();
  private readonly existing = new Map<string, string>();
  private readonly seenDifferences = new Set<string>();
  /** Resources whose AWS name is not `<name>-<key>`: their entry keeps it (`awsName`), by address. */
  readonly keptNames = new Map<string, { name: string; attribute: string }>();
  private readonly keyNotes = new Map<string, string>();

  constructor(
    readonly draft: Draft,
    resources: StateResource[],
    private readonly endpoints: ReadonlyMap<string, EndpointImporter>,
    private readonly paths: { rootDir?: string; specFile?: string } = {},
    /** A plan's values made before apply (estimates), and what stayed unknown (none for a state). */
    readonly filled: Filled = { estimates: new Set(), unknown: new Map(), referring: new Map(), created: new Set(), origins: new Map(), notes: [] },
  ) {
    for (const r of resources) {
      if (r.mode !== "managed") continue;
      let list = this.byType.get(r.type);
      if (!list) this.byType.set(r.type, (list = []));
      list.push(r);
      const arn = r.values.arn;
      if (typeof arn === "string" && arn !== "" && !ARN_OF_ANOTHER.has(r.type)) this.arns.set(arn, r);
    }
  }

  resources(type: string): readonly StateResource[] {
    return this.byType.get(type) ?? [];
  }

  find(type: string, attribute: string, value: unknown): StateResource | undefined {
    const name = `${type}\0${attribute}`;
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map();
      for (const r of this.resources(type)) if (!index.has(r.values[attribute])) index.set(r.values[attribute], r);
      this.indexes.set(name, index);
    }
    return index.get(value);
  }

  byArn(arn: string): StateResource | undefined {
    return this.arns.get(arn);
  }

  key(r: StateResource, awsName: string, attribute: string, prefix = ""): string | undefined {
    const head = `${prefix}${this.draft.name}-`;
    let key: string;
    if (awsName.startsWith(head) && /^[a-z0-9][a-z0-9-]*$/.test(awsName.slice(head.length))) key = awsName.slice(head.length);
    else {
      // (a name ldgen would not give: the entry keeps it with `awsName`, as a rename would)
      key = keyFrom(awsName.startsWith(prefix) ? awsName.slice(prefix.length) : awsName);
      this.keptNames.set(r.address, { name: String(r.values[attribute] ?? awsName), attribute });
    }
    // Names are unique across destinations, sources and functions.
    const owner = this.keys.get(key);
    if (owner !== undefined && owner.address !== r.address) {
      if (owner.type === r.type) {
        this.errors.push({ address: r.address, message: `${r.address} and ${owner.address} both become the spec entry ${JSON.stringify(key)} (AWS names ${JSON.stringify(awsName)} and ${JSON.stringify(owner.awsName)}): import them separately, or remove one from the input` });
        return undefined;
      }
      const other = `${key}-${r.type.replace(/^aws_/, "").split("_")[0]}`;
      this.keyNotes.set(r.address, `its spec key ${JSON.stringify(key)} is taken by ${owner.address} (names are unique across destinations, sources and functions): the spec names it ${JSON.stringify(other)}`);
      if (!this.keptNames.has(r.address)) this.keptNames.set(r.address, { name: String(r.values[attribute] ?? awsName), attribute });
      key = other;
    }
    this.keys.set(key, { address: r.address, type: r.type, awsName });
    return key;
  }

  codePath(filename: string): string {
    const { rootDir, specFile } = this.paths;
    if (rootDir === undefined && specFile === undefined) return filename.replace(/\\/g, "/");
    const file = path.resolve(rootDir ?? ".", filename);
    const relative = path.relative(path.dirname(path.resolve(specFile ?? "spec.yaml")), file).split(path.sep).join("/");
    return relative.startsWith(".") ? relative : relative;
  }

  functionKey(nameOrArn: string): string | undefined {
    const existing = this.existing.get(unqualified(nameOrArn));
    if (existing !== undefined) return existing;
    const fn = nameOrArn.startsWith("arn:")
      ? (this.find("aws_lambda_function", "arn", unqualified(nameOrArn)) ?? this.find("aws_lambda_function", "qualified_arn", nameOrArn))
      : this.find("aws_lambda_function", "function_name", nameOrArn.split(":")[0]);
    return fn && this.functionOf(fn);
  }

  functionOf(r: StateResource): string | undefined {
    const claim = this.claimedBy.get(r.address);
    return claim && claim.path[0] === "functions" ? String(claim.path[1]) : undefined;
  }

  reference(arn: string, use: Use, from: { address: string; attribute: string }): string {
    if (/^arn:[^:]+:lambda:/.test(arn)) return this.functionKey(arn) ?? arn;
    const r = this.byArn(arn);
    const importer = r && this.endpoints.get(r.type);
    if (!r || !importer) return arn;
    let ofType = this.uses.get(r.type);
    if (!ofType) this.uses.set(r.type, (ofType = new Map()));
    let entry = ofType.get(r.address);
    if (!entry) {
      const key = importer.key(r, this);
      if (key === undefined) return arn;
      entry = { resource: r, uses: new Set(), key, body: importer.entry(r, this, key) };
      ofType.set(r.address, entry);
      this.draft[use === "destination" ? "destinations" : "sources"][entry.key] = entry.body;
      this.keepName(r.address, entry.body, [use === "destination" ? "destinations" : "sources", entry.key]);
    } else if (use === "destination" && !entry.uses.has("destination")) {
      // (an SQS queue named as a destination and read as a source is a destination)
      delete this.draft.sources[entry.key];
      this.draft.destinations[entry.key] = entry.body;
    }
    entry.uses.add(use);
    void from;
    return entry.key;
  }

  wiredFunction(nameOrArn: string, qualifier?: string): string | undefined {
    const known = this.functionKey(nameOrArn);
    if (known !== undefined) return known;
    const m = /^arn:([^:]+):lambda:([^:]+):(\d{12}):function:([^:]+)(?::(.+))?$/.exec(nameOrArn);
    const name = m ? m[4] : nameOrArn.split(":")[0];
    const at = this.account();
    const region = this.draft.region ?? this.region();
    const arn = m ? `arn:${m[1]}:lambda:${m[2]}:${m[3]}:function:${m[4]}` : at && region ? `arn:${this.draft.partition ?? "aws"}:lambda:${region}:${at}:function:${name}` : undefined;
    if (!arn || !/^[A-Za-z0-9_-]+$/.test(name)) return undefined;
    let key = this.existing.get(arn);
    if (key === undefined) {
      const head = `${this.draft.name}-`;
      key = keyFrom(name.startsWith(head) ? name.slice(head.length) : name);
      while (this.keys.has(key) || this.draft.functions[key]) key = `${key}-fn`;
      this.keys.set(key, { address: arn, type: "existing function", awsName: name });
      this.existing.set(arn, key);
      this.draft.functions[key] = { arn };
    }
    const q = qualifier ?? m?.[5];
    if (q) this.draft.functions[key].qualifier = q;
    return key;
  }

  /** The region of the input's ARNs, when they name one (a queue's: a mapping reads a source in its function's region). */
  private region(): string | undefined {
    const regions = new Set<string>();
    for (const arn of this.arns.keys()) {
      const m = /^arn:[^:]+:[^:]+:([a-z]{2}(?:-[a-z]+)+-\d+):/.exec(arn);
      if (m) regions.add(m[1]);
    }
    return regions.size === 1 ? [...regions][0] : undefined;
  }

  /** The account the input's ARNs name most. */
  private account(): string | undefined {
    if (this.draft.account) return this.draft.account;
    for (const arn of this.arns.keys()) {
      const m = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn);
      if (m) return m[1];
    }
    return undefined;
  }

  referenced(type: string): readonly { resource: StateResource; uses: ReadonlySet<Use>; key: string }[] {
    return [...(this.uses.get(type)?.values() ?? [])];
  }

  claim(r: StateResource, to: string, path: SpecPath): void {
    const earlier = this.claimTo.get(to);
    if (earlier) {
      this.errors.push({ address: r.address, message: `${r.address} and ${earlier.from.address} both become ${to} (the spec entry ${path.join(".")}): give one of them another name, or import them separately` });
      return;
    }
    if (this.claimedBy.has(r.address)) throw new Error(`ldgen import: ${r.address} imported twice`);
    const claim = { from: r, to, path };
    if (path.length === 2) {
      const entry = (this.draft as unknown as Record<string, Record<string, Record<string, unknown>> | undefined>)[String(path[0])]?.[String(path[1])];
      if (entry) this.keepName(r.address, entry, path);
    }
    this.claims.push(claim);
    this.claimedBy.set(r.address, claim);
    this.claimTo.set(to, claim);
    const where = path.join("\0");
    let list = this.origins.get(where);
    if (!list) this.origins.set(where, (list = []));
    list.push(r.address);
  }

  /** The entry made from the resource at `address` keeps its AWS name when ldgen would give it another. */
  private keepName(address: string, entry: Record<string, unknown>, path: SpecPath): void {
    const kept = this.keptNames.get(address);
    if (!kept || entry.arn !== undefined || entry.awsName !== undefined) return;
    entry.awsName = kept.name;
    const note = this.keyNotes.get(address);
    if (note) this.note(path, note);
  }

  /** Whether a plan does not know the value at `path` (or under it) of `address` until apply. */
  unknownIn(address: string, path: string): boolean {
    const paths = this.filled.unknown.get(address);
    if (!paths) return false;
    if (paths.has(path)) return true;
    for (const p of paths) if (p.startsWith(`${path}.`) || path.startsWith(`${p}.`)) return true;
    return false;
  }

  /** `r` is not ldgen's after all (what made it left the spec). */
  unclaim(claim: Claim): void {
    const at = this.claims.indexOf(claim);
    if (at >= 0) this.claims.splice(at, 1);
    this.claimedBy.delete(claim.from.address);
    this.claimTo.delete(claim.to);
    const list = this.origins.get(claim.path.join("\0"));
    if (list) list.splice(list.indexOf(claim.from.address) >>> 0, 1);
  }

  claimed(r: StateResource): boolean {
    return this.claimedBy.has(r.address);
  }

  claimAt(to: string): Claim | undefined {
    return this.claimTo.get(to);
  }

  difference(address: string, attribute: string, message: string): void {
    const id = `${address}\0${attribute}`;
    if (this.seenDifferences.has(id)) return;
    this.seenDifferences.add(id);
    this.differences.push({ address, attribute, message });
  }

  hasDifference(address: string, attribute: string): boolean {
    return this.seenDifferences.has(`${address}\0${attribute}`);
  }

  leaveOut(r: StateResource, reason: string): void {
    if (!this.leftOut.has(r.address)) this.leftOut.set(r.address, reason);
  }

  note(path: SpecPath, text: string): void {
    const where = path.join("\0");
    let list = this.notes.get(where);
    if (!list) this.notes.set(where, (list = []));
    list.push(text);
  }
}
