import { pathTo, type Path } from "../diagnostics";
import type { Reporter } from "../rules/reporter";
import { isPlainObject, suggest } from "../parse/shape";
import { ARN_SERVICES, CREATABLE, kindOf } from "../kinds/registry";
import { joinWords } from "../rules/words";
import type { Platform } from "../platform/types";
import { arnShortName, arnType, parseArn } from "./arn";
import { awsName, toLabel } from "./names";
import { DEFAULT_MAX_RECEIVE_COUNT, type Edge, type Endpoint, type EndpointType, type LambdaFunction, type Partition, type Subscription } from "./types";

type Raw = Record<string, unknown>;
const SECTIONS = ["destinations", "sources", "functions"] as const;

export interface ResolveOptions {
  /** Whether a local code path exists (the CLI passes the file system's answer). */
  exists?: (path: string) => boolean;
  /** The platform file's settings: defaults and tags beneath the spec's, terraform settings the spec does not give. */
  platform?: Pick<Platform, "defaults" | "tags" | "terraform"> & { require?: Pick<Platform["require"], "protect"> };
}

/** The resource name in an existing entry's ARN; undefined without one (or when it does not parse, which a rule reports). */
function existingName(arnText: string | undefined): string | undefined {
  const arn = arnText === undefined ? undefined : parseArn(arnText);
  return arn ? arnShortName(arn) : undefined;
}

/** Names, endpoints and reference resolution, shared by the function resolver. */
export class Resolver {
  specName = "ldgen";
  partition: Partition = "aws";
  readonly endpoints: Endpoint[] = [];
  readonly functions = new Map<string, LambdaFunction>();
  private readonly named = new Map<string, Endpoint>();
  private readonly byArn = new Map<string, Endpoint>();
  /** Queues whose `deadLetter` is resolved once every name is declared. */
  private readonly pendingDeadLetters: { endpoint: Endpoint; raw: unknown }[] = [];
  /** SNS subscriptions whose `deadLetter` is resolved once every name is declared. */
  private readonly pendingSubscriptionDeadLetters: { topic: Endpoint; sub: Subscription; index: number; raw: unknown }[] = [];

  constructor(
    private readonly spec: Raw,
    readonly reporter: Reporter,
  ) {}

  lookup(name: string): Endpoint | undefined {
    return this.named.get(name);
  }

  /** Every declared name, for "did you mean". */
  names(): string[] {
    return [...this.named.keys()];
  }

  /** Registers every declared name, reporting names used twice or not usable as labels. */
  declare(): void {
    const seen = new Map<string, string>();
    for (const section of SECTIONS) {
      for (const [name, raw] of Object.entries((this.spec[section] ?? {}) as Record<string, unknown>)) {
        const path = [section, name];
        if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) {
          this.reporter.report("LD107", path, `a name must start with a letter and use only letters, digits, '-' and '_' (got ${JSON.stringify(name)})`, "key");
          continue;
        }
        const first = seen.get(name);
        if (first) {
          this.reporter.report("LD202", path, `${JSON.stringify(name)} is already declared under ${first}; names are unique across destinations, sources and functions, so rename one of them`, "key");
          continue;
        }
        seen.set(name, section);
        if (!isPlainObject(raw)) continue;
        if (section === "functions") this.declareFunction(name, raw, path);
        else this.named.set(name, this.endpoint(name, raw, path, section === "destinations" ? "destination" : "source"));
      }
    }
    this.resolveDeadLetters();
  }

  /**
   * `deadLetter: { queue, maxReceiveCount }` (or just the queue's reference). Without `queue`, ldgen
   * creates `<queue>-dlq`, FIFO when the queue is. Resolved after every name is declared.
   */
  private resolveDeadLetters(): void {
    for (let next = this.pendingDeadLetters.shift(); next; next = this.pendingDeadLetters.shift()) {
      const { endpoint, raw } = next;
      const path = pathTo(endpoint.path, "deadLetter");
      const settings = isPlainObject(raw) ? raw : { queue: raw };
      const queueAt = isPlainObject(raw) ? pathTo(path, "queue") : path;
      const inline = settings.queue === undefined ? { type: "sqs", ...(endpoint.fifo ? { fifo: true } : {}) } : settings.queue;
      const edge = this.ref(inline, settings.queue === undefined ? path : queueAt, `${endpoint.name}-dlq`);
      if (edge) endpoint.deadLetter = { edge, path, maxReceiveCount: (settings.maxReceiveCount as number | undefined) ?? DEFAULT_MAX_RECEIVE_COUNT };
    }
    // A subscription's dead-letter queue: a reference, as for an sns trigger's deadLetter.
    for (let next = this.pendingSubscriptionDeadLetters.shift(); next; next = this.pendingSubscriptionDeadLetters.shift()) {
      const { topic, sub, index, raw } = next;
      sub.deadLetter = this.ref(raw, pathTo(sub.path, "deadLetter"), `${topic.name}-subscription-${index}-dlq`);
    }
  }

  private declareFunction(name: string, raw: Raw, path: Path): void {
    const arnText = raw.arn as string | undefined;
    const arn = arnText ? parseArn(arnText) : undefined;
    const fnName = arn ? arn.resource.split(":")[1] : typeof raw.awsName === "string" ? raw.awsName : awsName(this.specName, name);
    const label = toLabel(name);
    const endpoint: Endpoint = {
      name,
      label,
      type: "lambda",
      path,
      arn: arnText,
      created: !arnText,
      awsName: fnName,
      fifo: false,
      subscriptions: [],
      tags: {},
    };
    const fn = { name, label, path, awsName: fnName, arn: arnText, endpoint } as LambdaFunction;
    endpoint.fn = fn;
    this.functions.set(name, fn);
    this.named.set(name, endpoint);
    this.endpoints.push(endpoint);
  }

  /** An endpoint from a `destinations` or `sources` entry, or from an inline object. */
  endpoint(name: string, raw: Raw, path: Path, role: "destination" | "source"): Endpoint {
    const type = raw.type as EndpointType | undefined;
    const arnText = raw.arn as string | undefined;
    const endpoint: Endpoint = {
      name,
      label: toLabel(name),
      type: type ?? "sqs",
      path,
      arn: arnText,
      created: !arnText && type !== undefined && CREATABLE.has(type),
      // An existing resource keeps the name in its ARN (alarm dimensions and sample events use it).
      // (`awsName` keeps a created resource's name through a rename: it is the whole name, `.fifo` included)
      awsName: existingName(arnText) ?? (typeof raw.awsName === "string" ? raw.awsName : awsName(this.specName, name) + (raw.fifo === true && type !== undefined && kindOf(type).fifo ? ".fifo" : "")),
      // A FIFO queue or topic by ARN is FIFO whether or not the entry says so.
      fifo: raw.fifo === true || (arnText !== undefined && type !== undefined && kindOf(type).fifo === true && arnText.endsWith(".fifo")),
      kmsKey: raw.kmsKey as string | undefined,
      retention: raw.retention as number | undefined,
      visibilityTimeout: raw.visibilityTimeout as number | undefined,
      // Entries that failed their shape check were reported and are left out here.
      subscriptions: [],
      shards: raw.shards as number | undefined,
      topic: raw.topic as string | undefined,
      bootstrapServers: (raw.bootstrapServers as unknown[] | undefined)?.filter((b): b is string => typeof b === "string"),
      secret: raw.secret as string | undefined,
      queue: raw.queue as string | undefined,
      database: raw.database as string | undefined,
      collection: raw.collection as string | undefined,
      tags: (raw.tags ?? {}) as Record<string, string>,
    };
    // Entries that failed their shape check were reported and are left out here. ldgen writes subscriptions only for a topic it creates.
    const subscriptions = (Array.isArray(raw.subscriptions) ? raw.subscriptions : []) as unknown[];
    if (arnText && type === "sns" && subscriptions.length > 0) {
      this.reporter.report("LD183", [...path, "subscriptions"], `ldgen writes subscriptions, and their dead-letter queues, only for SNS topics it creates (got ${subscriptions.length} on the existing topic ${arnText}); subscribe where that topic is managed, or remove subscriptions`, "key");
    }
    (arnText ? [] : subscriptions).forEach((s, i) => {
      if (!isPlainObject(s) || typeof s.protocol !== "string" || typeof s.endpoint !== "string") return;
      const sub: Subscription = { protocol: s.protocol, endpoint: s.endpoint, path: pathTo(path, "subscriptions", i) };
      endpoint.subscriptions.push(sub);
      if (type === "sns" && s.deadLetter !== undefined && s.deadLetter !== null) this.pendingSubscriptionDeadLetters.push({ topic: endpoint, sub, index: i, raw: s.deadLetter });
    });
    if (raw.deadLetter !== undefined && raw.deadLetter !== null) {
      if (type === "sqs") this.pendingDeadLetters.push({ endpoint, raw: raw.deadLetter });
      else this.reporter.report("LD210", [...path, "deadLetter"], `deadLetter is a redrive policy, which only SQS queues have (got ${type ? `a ${type} ${role}` : "no type"}); remove it${type === "sns" ? ", or set deadLetter on the sns trigger that subscribes a function, or on an entry of subscriptions" : ""}`, "key");
    }
    if (typeof raw.awsName === "string") {
      if (arnText) this.reporter.report("LD210", [...path, "awsName"], `awsName names a resource ldgen creates, and ${name} is given by arn (its name is the one in the ARN); remove awsName`, "key");
      else if (endpoint.fifo && !raw.awsName.endsWith(".fifo")) this.reporter.report("LD284", [...path, "awsName"], `AWS requires a FIFO queue's or topic's name to end in .fifo (got ${JSON.stringify(raw.awsName)}); add .fifo`);
    }
    if (type === undefined) return endpoint;
    if (arnText) {
      const arn = parseArn(arnText);
      const actual = arn && arnType(arn);
      if (actual !== type) {
        this.reporter.report("LD209", [...path, "arn"], `a ${type} ${role} needs a ${type} ARN (got ${JSON.stringify(arnText)})`);
      }
    } else if (type === "kafka") {
      if (!endpoint.bootstrapServers?.length) this.reporter.report("LD103", path, `a self-managed Kafka source needs "bootstrapServers"`, "key");
    } else if (!endpoint.created) {
      const hint = type === "lambda" ? "; to create a function, declare it under functions" : "";
      this.reporter.report("LD205", [...path, "type"], `ldgen does not create ${type} resources: give the existing one's "arn"${hint}`);
    }
    this.endpoints.push(endpoint);
    return endpoint;
  }

  /**
   * Resolves a reference at `path`: a declared name, an ARN, or an inline object named `inlineName`.
   * Returns undefined (after reporting) when it names nothing.
   */
  ref(value: unknown, path: Path, inlineName: string): Edge | undefined {
    if (isPlainObject(value)) {
      if (value.type === undefined) return undefined;
      const target = this.endpoint(inlineName, value, path, "destination");
      // Inline queues are made after every name is declared: their dead letters can be resolved at once.
      this.resolveDeadLetters();
      return { target, path };
    }
    if (typeof value !== "string") return undefined;
    if (value.startsWith("arn:")) return this.arnRef(value, path);
    const endpoint = this.named.get(value);
    if (endpoint) return { target: endpoint, path };
    const names = [...this.named.keys()];
    this.reporter.report("LD201", path, `nothing is declared as ${JSON.stringify(value)}${suggest(value, names)}; declare it under destinations, sources or functions, or give an ARN`);
    return undefined;
  }

  private arnRef(text: string, path: Path): Edge | undefined {
    const known = this.byArn.get(text);
    if (known) return { target: known, path };
    const arn = parseArn(text);
    const type = arn && arnType(arn);
    if (!arn || !type) {
      this.reporter.report("LD209", path, `expected an ARN of ${joinWords(ARN_SERVICES, "or")} (got ${JSON.stringify(text)})`);
      return undefined;
    }
    const short = arnShortName(arn);
    const endpoint: Endpoint = {
      name: short,
      label: toLabel(short),
      type,
      path,
      arn: text,
      created: false,
      awsName: short,
      fifo: kindOf(type).fifo ? short.endsWith(".fifo") : false,
      subscriptions: [],
      tags: {},
    };
    this.byArn.set(text, endpoint);
    this.endpoints.push(endpoint);
    return { target: endpoint, path };
  }
}
