import type { Path } from "../diagnostics";
import { Reporter } from "../rules/reporter";
import { isPlainObject } from "../parse/shape";
import type { Model } from "../model/types";
import type { Platform } from "./types";
import { kindOf } from "../kinds/registry";

/**
 * The platform file's `require`: each broken requirement is reported at the spec's line that breaks it
 * (or its top, when a key is missing), naming the platform file and line that requires it.
 * `spec` is the document as written, for keys that later stages may not model (`deadLetter`, `monitoring`).
 */
export function checkRequirements(model: Model, spec: unknown, platform: Platform, reporter: Reporter): void {
  const req = platform.require;
  const by = (key: string) => ` (required by ${platform.where(["require", key])})`;
  const created = model.functions.filter((fn) => !fn.arn);

  if (req.namePattern && !req.namePattern.test(model.name)) {
    const source = req.namePattern.source.slice(4, -2);
    reporter.report("LD810", ["name"], `the spec's name must match /${source}/ (got ${JSON.stringify(model.name)}); rename it${by("namePattern")}`);
  }
  for (const key of req.tags ?? []) {
    if (!Object.hasOwn(model.tags, key)) {
      reporter.report("LD801", ["tags"], `the tag ${JSON.stringify(key)} is required on every spec; add it to tags${by("tags")}`, "key");
    }
  }
  for (const fn of created) {
    const where = (key: string): Path => fn.origin[key] ?? fn.path;
    // A value the function inherits from the platform's defaults is reported at the function's name.
    const at = (key: string): "key" | "value" => (where(key) === fn.path ? "key" : "value");
    if (req.runtimes && fn.runtime !== undefined && !req.runtimes.includes(fn.runtime)) {
      reporter.report("LD802", where("runtime"), `${fn.name}: the runtime ${JSON.stringify(fn.runtime)} is not allowed; use one of ${req.runtimes.join(", ")}${by("runtimes")}`, at("runtime"));
    }
    const arch = fn.architecture ?? "x86_64";
    if (req.architectures && !req.architectures.includes(arch)) {
      const how = fn.architecture ? "" : " (unset means x86_64)";
      reporter.report("LD803", where("architecture"), `${fn.name}: the architecture ${arch}${how} is not allowed; set architecture to one of ${req.architectures.join(", ")}${by("architectures")}`, at("architecture"));
    }
    if (req.maxTimeout !== undefined && fn.timeout > req.maxTimeout) {
      reporter.report("LD804", where("timeout"), `${fn.name}: the timeout must be at most ${req.maxTimeout}s (got ${fn.timeout}s); shorten it${by("maxTimeout")}`, at("timeout"));
    }
    const memory = fn.memory ?? 128;
    if (req.maxMemory !== undefined && memory > req.maxMemory) {
      reporter.report("LD805", where("memory"), `${fn.name}: the memory must be at most ${req.maxMemory} MB (got ${memory}); lower it${by("maxMemory")}`, at("memory"));
    }
  }
  if (req.onFailure) {
    for (const fn of model.functions) {
      if (fn.async && !fn.async.failureDeclared) {
        reporter.report("LD806", fn.async.path, `${fn.name}: every asynchronous invocation config needs an onFailure destination; add onFailure${by("onFailure")}`, "key");
        // The requirement says it as an error; the general warning about dropped events (LD307) would repeat it.
        const { line, col } = reporter.position(fn.async.path, "key");
        const repeat = reporter.diagnostics.findIndex((d) => d.code === "LD307" && d.line === line && d.col === col);
        if (repeat >= 0) reporter.diagnostics.splice(repeat, 1);
      }
    }
  }
  if (req.deadLetter) {
    const seen = new Set<string>();
    for (const fn of model.functions) {
      for (const m of fn.events) {
        const queue = m.source.target;
        if (queue.type !== "sqs" || seen.has(queue.name)) continue;
        seen.add(queue.name);
        const entry = at(spec, queue.path);
        if (isPlainObject(entry) && entry.deadLetter !== undefined) continue;
        const how = queue.created || isPlainObject(entry) ? "add deadLetter: { queue: ... } to it" : "declare it under sources with its arn and a deadLetter";
        reporter.report("LD807", queue.path, `the queue ${JSON.stringify(queue.name)} feeds ${fn.name} but has no dead-letter queue; ${how}${by("deadLetter")}`, "key");
      }
    }
  }
  if (req.monitoring && !(isPlainObject(spec) && spec.monitoring !== undefined)) {
    reporter.report("LD808", ["monitoring"], `the spec needs a monitoring section (monitoring: { notify: <topic> }) so that failures raise alarms; add it${by("monitoring")}`, "key");
  }
  if (req.protect?.length) {
    // An entry of a required kind is protected unless it says protect: false (model/protect.ts).
    const kinds = new Set(req.protect);
    const entries = [...model.functions.filter((fn) => !fn.arn).map((fn) => ({ kind: "lambda", what: `the function ${JSON.stringify(fn.name)}`, e: fn })), ...model.endpoints.filter((e) => e.created && !e.fn).map((e) => ({ kind: e.type as string, what: `the ${kindOf(e.type).title} entry ${JSON.stringify(e.name)}`, e }))];
    for (const { kind, what, e } of entries) {
      if (!kinds.has(kind) || e.protect !== false || !e.protectAt) continue;
      reporter.report("LD811", e.protectAt, `${what} must be protected (every ${kind === "lambda" ? "function" : `${kind} entry`} ldgen creates is); remove protect: false, or move the data out first${by("protect")}`);
    }
  }
  if (req.encryption === "kms") {
    for (const e of model.endpoints) {
      if (!e.created || (e.type !== "sqs" && e.type !== "sns") || e.kmsKey) continue;
      const what = e.type === "sqs" ? "queue" : "topic";
      reporter.report("LD809", e.path, `the ${what} ${JSON.stringify(e.name)} must be encrypted with a customer-managed key; give it kmsKey${by("encryption")}`, "key");
    }
  }
}

/** The value at a path of the document as written. */
function at(doc: unknown, path: Path): unknown {
  let node = doc;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === "number") node = node[part];
    else if (isPlainObject(node)) node = node[String(part)];
    else return undefined;
  }
  return node;
}
