import { check, generate } from "../generator";
import { formatDuration, parseDuration } from "../generator/parse/duration";
import { load, MAX_DEPTH, MAX_SPEC_BYTES } from "../generator/parse/load";
import { specSchema } from "../generator/parse/spec-schema";
import { specYaml, s3Code } from "./support/spec";

const codes = (text: string) => check(text, "spec.yaml").diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`);
const messages = (text: string) => check(text, "spec.yaml").diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`);

describe("durations", () => {
  it.each([
    [45, 45],
    ["45", 45],
    ["45s", 45],
    ["5m", 300],
    ["1h", 3600],
    ["7d", 604800],
    ["-1", -1],
    ["1.5h", undefined],
    ["5 minutes", undefined],
    [1.5, undefined],
    [true, undefined],
  ])("%p -> %p", (given, want) => expect(parseDuration(given)).toBe(want));

  it.each([
    [21600, "6h"],
    [90, "90s"],
    [120, "2m"],
    [604800, "7d"],
  ])("formats %p as %p", (given, want) => expect(formatDuration(given)).toBe(want));
});

describe("reading the file", () => {
  it.each([
    ["YAML syntax", "version: 1\nname: [app\n", "LD001"],
    ["a duplicate key", "version: 1\nname: app\nname: other\nfunctions: {}\n", "LD002"],
    ["an empty file", "", "LD004"],
    ["only a comment", "# nothing\n", "LD004"],
    ["a list at the top", "- a\n- b\n", "LD004"],
    ["a scalar at the top", "hello\n", "LD004"],
  ])("%s is reported, not thrown", (_name, text, code) => {
    expect(codes(text).map((c) => c.split(" ")[1])).toEqual([code]);
  });

  const fn = (extra: string) => `version: 1\nname: app\nfunctions:\n  f:\n    code: s3://b/k.zip\n    runtime: nodejs20.x\n    handler: index.handler\n${extra}`;
  it.each([
    ["a CloudFormation tag", fn("    description: !Ref Text\n"), ["8:23 LD007"]],
    ["!!js/function", fn("    description: !!js/function 'function () {}'\n"), ["8:32 LD007"]],
    ["!!binary where a string is expected", fn("    description: !!binary aGVsbG8=\n"), ["8:27 LD007"]],
    ["true and \"true\"", fn("    environment: { true: a, \"true\": b }\n"), ["8:29 LD002"]],
    ["10 and \"10\"", fn("    tags:\n      10: a\n      \"10\": b\n"), ["10:7 LD002"]],
    ["a null key", fn("    environment:\n      ~: a\n"), ["9:7 LD008"]],
    ["an empty key", fn("    environment:\n      : a\n"), ["9:7 LD008"]],
    ["a list as a key", fn("    environment: { [a, b]: c }\n"), ["8:20 LD008"]],
    ["a second document", `${fn("")}---\nversion: 1\n`, ["8:1 LD001"]],
  ])("%s is an error", (_name, text, want) => expect(codes(text)).toEqual(want));

  it("says plainly that a file holds two documents", () => {
    expect(messages(`${fn("")}---\nversion: 1\n`)).toEqual(["LD001 : a second YAML document starts here (after a `---` line); a spec is one document, so remove the `---` or split the file in two specs"]);
  });

  it("supports merge keys", () => {
    const checked = check(`version: 1\nname: app\nfunctions:\n  f:\n    <<: { runtime: nodejs20.x, handler: index.handler }\n    code: s3://b/k.zip\n`, "spec.yaml");
    expect(checked.diagnostics).toEqual([]);
    expect(checked.model!.functions[0]).toMatchObject({ runtime: "nodejs20.x", handler: "index.handler" });
  });

  describe("merge keys, on both readers", () => {
    const both = (text: string) => {
      const [fast, slow] = [load(text, "spec.yaml", specSchema), load(text, "spec.yaml", specSchema, { fast: false })];
      expect(JSON.stringify(fast.value)).toBe(JSON.stringify(slow.value));
      expect(fast.reporter.diagnostics).toEqual(slow.reporter.diagnostics);
      return fast;
    };
    const base = "version: 1\nname: app\ndefaults: &d { runtime: nodejs22.x, handler: index.handler, timeout: 10 }\n";

    it.each([
      ["an alias", `${base}functions:\n  f:\n    <<: *d\n    code: s3://b/k.zip\n`, { runtime: "nodejs22.x", handler: "index.handler", timeout: 10 }],
      ["the mapping's own key wins", `${base}functions:\n  f:\n    <<: *d\n    timeout: 20\n    code: s3://b/k.zip\n`, { timeout: 20 }],
      ["the own key wins written before the merge too", `${base}functions:\n  f:\n    timeout: 20\n    <<: *d\n    code: s3://b/k.zip\n`, { timeout: 20 }],
      ["a list: the earlier mapping wins", `${base}functions:\n  g: &g { code: s3://b/g.zip, timeout: 30, memory: 256 }\n  f:\n    <<: [*d, *g]\n    code: s3://b/k.zip\n`, { timeout: 10, memory: 256, code: "s3://b/k.zip" }],
      ["a flow mapping", `version: 1\nname: app\nfunctions:\n  f:\n    <<: { runtime: nodejs22.x, handler: index.handler }\n    code: s3://b/k.zip\n`, { runtime: "nodejs22.x" }],
    ])("%s", (_name, text, want) => {
      const read = both(text);
      expect(read.reporter.diagnostics).toEqual([]);
      expect((read.value as { functions: { f: unknown } }).functions.f).toMatchObject(want);
      const checked = check(text, "spec.yaml");
      expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const modelled = Object.fromEntries(Object.entries(want).filter(([k]) => ["runtime", "handler", "timeout"].includes(k)));
      expect(checked.model!.functions.find((f) => f.name === "f")).toMatchObject(modelled);
    });

    it.each([
      ["a number", "    <<: 30\n", "7:9", "got 30"],
      ["nothing", "    <<:\n", "7:8", "got nothing"],
      ["a list holding a string", "    <<: [*d, x]\n", "7:14", 'got "x"'],
      ["an alias of a list", "    <<: *l\n", "7:9", "the alias *l, which is not a mapping"],
    ])("merging %s is LD009 at the value, on both readers", (_name, merge, at, got) => {
      const text = `version: 1\nname: app\ndefaults: &d { timeout: 10 }\nx: &l [1]\nfunctions:\n  f:\n${merge}    code: s3://b/k.zip\n    runtime: nodejs22.x\n    handler: i.h\n`;
      const read = both(text);
      expect(read.reporter.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual([`${at} LD009`]);
      expect(read.reporter.diagnostics[0].message).toContain(got);
      expect(read.value).toBeUndefined();
    });

    it("a spec with merge keys (a list of them, a merged key overridden) plans and writes what the spec written out does, through both paths", () => {
      const merged = `${base}functions:\n  g: &g { code: s3://b/g.zip, memory: 256, tags: &t { team: x, tier: hot } }\n  f:\n    <<: [*d, *g]\n    code: s3://b/k.zip\n    tags: { <<: *t, tier: cold }\n`;
      const written = `${base}functions:\n  g: { code: s3://b/g.zip, memory: 256, tags: { team: x, tier: hot } }\n  f:\n    runtime: nodejs22.x\n    handler: index.handler\n    timeout: 10\n    memory: 256\n    code: s3://b/k.zip\n    tags: { team: x, tier: cold }\n`;
      const files = (text: string, fastYaml?: boolean) => generate(text, "spec.yaml", "all", { fastYaml });
      const want = files(written);
      expect(want.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      for (const fastYaml of [undefined, false]) {
        const got = files(merged, fastYaml);
        expect(JSON.stringify(got.plan)).toBe(JSON.stringify(want.plan));
        expect(got.files).toEqual(want.files);
      }
    });

    it('a quoted "<<" is an ordinary key', () => {
      expect(codes(`version: 1\nname: app\nfunctions:\n  f:\n    "<<": { timeout: 10 }\n    code: s3://b/k.zip\n    runtime: nodejs22.x\n    handler: i.h\n`)).toEqual(["5:5 LD101"]);
    });
  });

  describe("strings are read as Unicode NFC", () => {
    const decomposed = "cafe\u0301";
    const composed = "caf\u00e9";

    it.each([
      ["written decomposed", `tags: { ${decomposed}: ${decomposed} }`],
      ["escaped decomposed in double quotes", 'tags: { "cafe\\u0301": "cafe\\u0301" }'],
    ])("%s: keys and values, on both readers", (_name, tags) => {
      const text = `version: 1\nname: app\n${tags}\nfunctions:\n  f: { code: s3://b/k.zip, runtime: nodejs22.x, handler: i.h, description: "${decomposed}" }\n`;
      for (const fast of [true, false]) {
        const read = load(text, "spec.yaml", specSchema, { fast });
        expect(read.value).toMatchObject({ tags: { [composed]: composed }, functions: { f: { description: composed } } });
        expect(Object.keys((read.value as { tags: object }).tags)).toEqual([composed]);
      }
      const plan = check(text, "spec.yaml").plan!;
      const fn = plan.files.flatMap((f) => f.resources).find((r) => r.type === "aws_lambda_function")!;
      expect(JSON.stringify(fn.body)).toContain(JSON.stringify(composed));
      expect(JSON.stringify(fn.body)).not.toContain("e\u0301");
    });

    it.each([
      ["both written", `${composed}: a\n  ${decomposed}: b`],
      ["one escaped", `"cafe\\u0301": a\n  ${composed}: b`],
    ])("two keys equal once normalized are LD002, saying why (%s)", (_name, keys) => {
      const text = `version: 1\nname: app\ntags:\n  ${keys}\nfunctions:\n  f: { code: s3://b/k.zip, runtime: nodejs22.x, handler: i.h }\n`;
      for (const fast of [true, false]) {
        const read = load(text, "spec.yaml", specSchema, { fast });
        expect(read.reporter.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(["5:3 LD002"]);
        expect(read.reporter.diagnostics[0].message).toContain("Unicode NFC");
      }
    });

    it("points at the place in the file after a normalized string on the same line", () => {
      const line = `  f: { description: ${decomposed}, code: s3://b/k.zip, runtime: nodejs22.x, handler: i.h, timeout: 9999 }`;
      expect(codes(`version: 1\nname: app\nfunctions:\n${line}\n`)).toEqual([`4:${line.indexOf("9999") + 1} LD106`]);
    });
  });

  it("keeps string fields as written, and prototype names as ordinary keys", () => {
    const checked = check(fn("    description: 1.10\n    environment: { MODE: 0755, V: 1.10, ON: true, N: 1e3, __proto__: x, constructor: y }\n    tags: { __proto__: p }\n"), "spec.yaml");
    const f = checked.model!.functions[0];
    expect(f.description).toBe("1.10");
    expect(Object.entries(f.environment)).toEqual([["MODE", "0755"], ["V", "1.10"], ["ON", "true"], ["N", "1e3"], ["__proto__", "x"], ["constructor", "y"]]);
    expect(Object.entries(f.tags)).toEqual([["__proto__", "p"]]);
  });

  it("points at the duplicate key", () => {
    expect(codes("version: 1\nname: app\nname: other\nfunctions: {}\n")).toEqual(["3:1 LD002"]);
  });

  it("refuses an alias bomb at once", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const started = Date.now();
    expect(codes(lines.join("\n") + "\n").map((c) => c.split(" ")[1])).toEqual(["LD003"]);
    expect(Date.now() - started).toBeLessThan(60_000); // it must not expand 10^11 nodes; generous bound, not a benchmark
  });

  it("accepts a few aliases", () => {
    const text = `version: 1\nname: app\ndefaults: &d { runtime: nodejs20.x, handler: index.handler }\nfunctions:\n  a: { code: "s3://b/a.zip", runtime: nodejs20.x, handler: i.h }\n`;
    expect(codes(text)).toEqual([]);
  });

  it("refuses files over 32 MiB, before parsing them", () => {
    const spec = specYaml({ functions: {} });
    const pad = (bytes: number) => spec + `# ${"x".repeat(bytes - Buffer.byteLength(spec) - 3)}\n`;
    expect(Buffer.byteLength(pad(MAX_SPEC_BYTES + 1))).toBe(MAX_SPEC_BYTES + 1);
    expect(codes(pad(MAX_SPEC_BYTES + 1))).toEqual(["1:1 LD005"]);
    // An unparseable file one byte past the limit is refused for its size alone: it is never parsed.
    expect(codes(`version: [1\n# ${"x".repeat(MAX_SPEC_BYTES)}\n`)).toEqual(["1:1 LD005"]);
  });

  it("reads a file of exactly 32 MiB", () => {
    const spec = specYaml({ functions: {} });
    const text = spec + `# ${"x".repeat(MAX_SPEC_BYTES - Buffer.byteLength(spec) - 3)}\n`;
    expect(Buffer.byteLength(text)).toBe(MAX_SPEC_BYTES);
    expect(codes(text)).toEqual([]);
  });

  it("counts the size in bytes, not characters", () => {
    const spec = specYaml({ functions: {} });
    const text = spec + `# ${"é".repeat(MAX_SPEC_BYTES / 2)}\n`; // half as many characters as bytes
    expect(text.length).toBeLessThan(MAX_SPEC_BYTES);
    expect(codes(text)).toEqual(["1:1 LD005"]);
  });

  const nested = (depth: number) => `version: 1\nname: app\nfunctions: {}\ntags: ${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}\n`;
  it("reads collections nested 64 deep", () => {
    // The top-level map is level 1, so 63 brackets make 64 levels; tags is then the wrong type, not too deep.
    expect(codes(nested(MAX_DEPTH)).map((c) => c.split(" ")[1])).not.toContain("LD030");
  });

  it("refuses collections nested 65 deep at the first collection past the limit, block or flow", () => {
    expect(codes(nested(MAX_DEPTH + 1))).toEqual([`4:${7 + MAX_DEPTH - 1} LD030`]);
    let block = "version: 1\nname: app\nfunctions: {}\ntags:\n";
    for (let i = 2; i <= MAX_DEPTH + 1; i++) block += `${"  ".repeat(i - 1)}k${i}:${i === MAX_DEPTH + 1 ? " v" : ""}\n`;
    expect(codes(block)).toEqual([`${4 + MAX_DEPTH}:${2 * MAX_DEPTH + 1} LD030`]);
  });

  it("refuses nesting far past any stack without a stack overflow", () => {
    const text = `version: 1\nname: app\nfunctions: ${"[".repeat(200_000)}${"]".repeat(200_000)}\n`;
    expect(codes(text)).toEqual([`3:${12 + MAX_DEPTH - 1} LD030`]);
  });

  it("reads a list of 300,000 items without overflowing the stack", () => {
    const text = `version: 1\nname: app\nfunctions: {}\ntags: [${Array(300_000).fill("a").join(", ")}]\n`;
    expect(codes(text)).toEqual(["4:7 LD102"]);
  });

  it("finds a duplicate key among thousands, at the duplicate", () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `  k${i}: v`);
    keys.push("  k4321: again", "  'k17': quoted is the same key", "  17: a number is not the string '17'", "  17: but twice is");
    const text = `version: 1\nname: app\nfunctions: {}\ntags:\n${keys.join("\n")}\n`;
    expect(codes(text)).toEqual(["5005:3 LD002", "5006:3 LD002", "5008:3 LD002"]);
  });
});

describe("the shape of the spec", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown key, with a suggestion", { functions: { f: { ...s3Code, timout: 30 } } }, 'LD101 functions.f.timout: unknown key "timout" (did you mean "timeout"?)'],
    ["an unknown top-level key", { fuctions: {} }, 'LD101 fuctions: unknown key "fuctions" (did you mean "functions"?)'],
    ["a wrong type", { functions: { f: { ...s3Code, memory: "lots" } } }, 'LD102 functions.f.memory: expected an integer (got "lots")'],
    ["a bad enum", { functions: { f: { ...s3Code, architecture: "arm" } } }, 'LD104 functions.f.architecture: must be one of x86_64, arm64 (got "arm")'],
    ["a bad duration", { functions: { f: { ...s3Code, timeout: "5 minutes" } } }, "LD105 functions.f.timeout"],
    ["memory out of range", { functions: { f: { ...s3Code, memory: 64 } } }, "LD106 functions.f.memory: must be 128..10240 (got 64)"],
    ["timeout out of range", { functions: { f: { ...s3Code, timeout: "16m" } } }, "LD106 functions.f.timeout: must be 1s..15m (got 16m)"],
    ["a bad spec name", { name: "My App", functions: {} }, "LD107 name"],
    ["a bad log retention", { functions: { f: { ...s3Code, logRetention: 10 } } }, "LD106 functions.f.logRetention: must be one of"],
  ])("%s", (_name, sections, want) => {
    const text = specYaml({ functions: {}, ...sections });
    expect(messages(text).join("\n")).toContain(want);
  });

  // JSON has no word for these numbers: a message that says "got null" names a value that is not in the file.
  describe.each([true, false])("non-finite numbers, as the file writes them (fast reader: %p)", (fastYaml) => {
    const at = (line: string) => `version: 1\nname: app\nfunctions:\n  f:\n    code: s3://b/k.zip\n    runtime: nodejs22.x\n    handler: i.h\n${line}`;
    const said = (text: string) => check(text, "spec.yaml", { fastYaml }).diagnostics.filter((d) => d.severity === "error").map((d) => `${d.line}:${d.col} ${d.code} ${d.path}: ${d.message}`);
    it.each([
      ["    timeout: .inf\n", '8:14 LD105 functions.f.timeout: expected a duration such as 45, "45s", "5m", "1h" or "7d" (got .inf)'],
      ["    timeout: -.inf\n", '8:14 LD105 functions.f.timeout: expected a duration such as 45, "45s", "5m", "1h" or "7d" (got -.inf)'],
      ["    memory: .NaN\n", "8:13 LD102 functions.f.memory: expected an integer (got .nan)"],
      ["    logRetention: +.Inf\n", "8:19 LD102 functions.f.logRetention: expected an integer (got .inf)"],
      ['    triggers: [ { schedule: "rate(1 hour)", input: { a: [ 1, .inf ] } } ]\n', "8:62 LD102 functions.f.triggers[0].input.a[1]: expected a finite number: JSON and Terraform have none for .inf (got .inf)"],
      ['    triggers: [ { eventPattern: { detail: { n: [ { numeric: [ ">", -.inf ] } ] } } } ]\n', "8:68 LD102 functions.f.triggers[0].eventPattern.detail.n[0].numeric[1]: expected a finite number: JSON and Terraform have none for -.inf (got -.inf)"],
    ])("%j", (line, want) => expect(said(at(line))).toEqual([want]));

    it("in a filter and a backend setting too, and generate says so instead of failing", () => {
      const text = `${at("    events: [ { source: q, filters: [ { body: { n: [ .nan ] } } ] } ]\n")}sources:\n  q: { type: sqs }\nterraform:\n  backend: { type: s3, config: { max: .inf } }\n`;
      expect(said(text).map((m) => m.split(": expected")[0])).toEqual(["8:54 LD102 functions.f.events[0].filters[0].body.n[0]", "12:39 LD102 terraform.backend.config.max"]);
      const generated = generate(text, "spec.yaml", "all", { fastYaml });
      expect(generated.files).toEqual({});
      expect(generated.diagnostics.filter((d) => d.code === "LD102")).toHaveLength(2);
    });
  });

  it("requires version, name and functions", () => {
    expect(messages("region: us-east-1\n").filter((m) => m.startsWith("LD103"))).toHaveLength(3);
  });

  it("reports version 2 as unsupported", () => {
    expect(messages(specYaml({ version: 2, functions: {} }))).toEqual([expect.stringMatching(/^LD006 version: /)]);
  });

  it("points at the line and column of the value", () => {
    const text = "version: 1\nname: app\nfunctions:\n  f:\n    code: s3://b/k.zip\n    runtime: nodejs20.x\n    handler: i.h\n    memory: 64\n";
    expect(codes(text)).toEqual(["8:13 LD106"]);
  });

  it("reports every problem in one run", () => {
    const text = specYaml({ functions: { f: { ...s3Code, memory: 1, timeout: 0, colour: "red" }, g: { ...s3Code, architecture: "sparc" } } });
    expect(check(text, "spec.yaml").diagnostics.map((d) => d.code).sort()).toEqual(["LD101", "LD104", "LD106", "LD106"]);
  });
});

describe("defaults and references", () => {
  it("merges defaults into created functions only", () => {
    const text = specYaml({
      defaults: { runtime: "python3.12", handler: "app.handler", memory: 512, async: { retries: 0 } },
      functions: {
        made: { code: "s3://b/k.zip", triggers: [{ schedule: "rate(1 hour)" }] },
        polled: { code: "s3://b/k.zip", events: [{ source: "arn:aws:sqs:us-east-1:123456789012:jobs" }] },
        existing: { arn: "arn:aws:lambda:us-east-1:123456789012:function:x" },
      },
    });
    const model = check(text, "spec.yaml").model!;
    const fn = (name: string) => model.functions.find((f) => f.name === name)!;
    expect([fn("made").runtime, fn("made").memory, fn("made").async?.retries]).toEqual(["python3.12", 512, 0]);
    // A mapping invokes synchronously: defaults.async does not apply to a function only mappings invoke.
    expect([fn("polled").runtime, fn("polled").async]).toEqual(["python3.12", undefined]);
    expect([fn("existing").runtime, fn("existing").memory, fn("existing").async]).toEqual([undefined, undefined, undefined]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["a trigger", { f: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }] }, g: s3Code }, ["f"]],
    ["being a Lambda destination of an invoked function", { f: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }], async: { onSuccess: "g" } }, g: s3Code, h: s3Code }, ["f", "g"]],
    ["being the destination of an explicit async", { f: { ...s3Code, async: { onFailure: "g" } }, g: { ...s3Code, async: { onFailure: "h" } }, h: s3Code }, ["g", "h"]],
    ["nothing", { f: s3Code, g: { ...s3Code, events: [{ source: "arn:aws:sqs:us-east-1:123456789012:jobs" }] } }, []],
  ])("applies defaults.async to functions invoked asynchronously by %s", (_name, functions, want) => {
    const model = check(specYaml({ defaults: { async: { retries: 0 } }, functions }), "spec.yaml").model!;
    expect(model.functions.filter((f) => f.asyncInvoked).map((f) => f.name)).toEqual(want);
    // An explicit async is kept on a function nothing invokes (with LD330); defaults.async only where something does.
    for (const f of model.functions) expect(f.async !== undefined).toBe(f.asyncInvoked || (functions[f.name] as Record<string, unknown>).async !== undefined);
  });

  it("follows Lambda destinations given in defaults.async, function to function", () => {
    const functions = { f: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }] }, g: { ...s3Code, async: { onSuccess: "h" } }, h: s3Code, other: s3Code };
    const model = check(specYaml({ defaults: { async: { onFailure: "g" } }, functions }), "spec.yaml").model!;
    // f is triggered and sends failures to g (defaults); g's own async (merged with defaults) sends successes to h.
    expect(model.functions.filter((f) => f.asyncInvoked).map((f) => f.name)).toEqual(["f", "g", "h"]);
  });

  it("merges async key by key", () => {
    const text = specYaml({ defaults: { async: { retries: 0, maxEventAge: "1h" } }, functions: { f: { ...s3Code, async: { retries: 1, onFailure: { type: "sqs" } } } } });
    const f = check(text, "spec.yaml").model!.functions[0];
    expect([f.async?.retries, f.async?.maxEventAge, f.async?.onFailure?.target.name]).toEqual([1, 3600, "f-on-failure"]);
  });

  it.each<[string, unknown, string, string | undefined]>([
    ["a declared name", "q", "sqs", undefined],
    ["an SQS ARN", "arn:aws:sqs:us-east-1:123456789012:jobs", "sqs", "arn:aws:sqs:us-east-1:123456789012:jobs"],
    ["an SNS ARN", "arn:aws:sns:us-east-1:123456789012:alerts", "sns", "arn:aws:sns:us-east-1:123456789012:alerts"],
    ["an event bus ARN", "arn:aws:events:us-east-1:123456789012:event-bus/audit", "eventbridge", "arn:aws:events:us-east-1:123456789012:event-bus/audit"],
    ["a function ARN", "arn:aws:lambda:us-east-1:123456789012:function:next", "lambda", "arn:aws:lambda:us-east-1:123456789012:function:next"],
    ["a declared function", "g", "lambda", undefined],
    ["an inline queue", { type: "sqs" }, "sqs", undefined],
  ])("resolves %s", (_name, ref, type, arn) => {
    const text = specYaml({ destinations: { q: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onFailure: ref } }, g: s3Code } });
    const target = check(text, "spec.yaml").model!.functions[0].async!.onFailure!.target;
    expect([target.type, target.arn]).toEqual([type, arn]);
  });

  it("reports a dangling reference with a suggestion", () => {
    const text = specYaml({ destinations: { "image-alerts": { type: "sns" } }, functions: { f: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }], async: { onFailure: "image-alert" } } } });
    expect(messages(text)).toEqual([expect.stringContaining('LD201 functions.f.async.onFailure: nothing is declared as "image-alert" (did you mean "image-alerts"?)')]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an sns trigger on a queue", { destinations: { q: { type: "sqs" } }, functions: { f: { ...s3Code, triggers: [{ sns: "q" }] } } }],
    ["a FIFO dead-letter queue", { destinations: { q: { type: "sqs", fifo: true } }, functions: { f: { ...s3Code, deadLetterQueue: "q" } } }],
    ["a Lambda dead-letter queue", { functions: { f: { ...s3Code, deadLetterQueue: "g" }, g: s3Code } }],
  ])("reports %s as the wrong kind of target", (_name, sections) => {
    expect(messages(specYaml(sections)).map((m) => m.slice(0, 5))).toEqual(["LD211"]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an SNS dead-letter topic", { destinations: { t: { type: "sns" } }, functions: { f: { ...s3Code, deadLetterQueue: "t" } } }],
    ["an SQS dead-letter queue by ARN", { functions: { f: { ...s3Code, deadLetterQueue: "arn:aws:sqs:us-east-1:123456789012:dlq" } } }],
    ["an sns trigger on a topic ARN", { functions: { f: { ...s3Code, triggers: [{ sns: "arn:aws:sns:us-east-1:123456789012:t" }] } } }],
  ])("accepts %s", (_name, sections) => {
    expect(messages(specYaml(sections))).toEqual([]);
  });

  it("reports a name declared twice across sections", () => {
    const text = specYaml({ destinations: { f: { type: "sqs" } }, functions: { f: s3Code } });
    expect(messages(text)).toEqual([expect.stringMatching(/^LD202 functions.f: "f" is already declared under destinations/)]);
  });

  it("reports names that collide as Terraform labels", () => {
    const text = specYaml({ functions: { "my-fn": s3Code, my_fn: s3Code } });
    expect(messages(text).filter((m) => m.startsWith("LD203")).length).toBeGreaterThan(0);
  });

  it.each([
    ["function", { functions: { ["f".repeat(61)]: s3Code } }],
    ["queue", { destinations: { ["q".repeat(80)]: { type: "sqs" } }, functions: {} }],
    ["FIFO queue (.fifo counts)", { destinations: { ["q".repeat(72)]: { type: "sqs", fifo: true } }, functions: {} }],
    ["bucket", { destinations: { ["b".repeat(60)]: { type: "s3" } }, functions: {} }],
  ])("reports a %s name over its AWS limit", (_name, sections) => {
    expect(messages(specYaml(sections)).filter((m) => m.startsWith("LD204"))).toHaveLength(1);
  });

  it("reports an EventBridge rule name over 64 characters", () => {
    const text = specYaml({ functions: { ["f".repeat(50)]: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }] } } });
    expect(messages(text)).toEqual([]); // "app-" + 50 + "-schedule": 63 characters
    const longer = specYaml({ functions: { ["f".repeat(50)]: { ...s3Code, triggers: [{ name: "nightly-cleanup", schedule: "rate(1 day)" }] } } });
    expect(messages(longer)).toEqual([expect.stringMatching(/^LD204 functions.f+.triggers\[0\]: the EventBridge rule name is longer than AWS allows, 64 characters \(got 70/)]);
  });

  it("accepts names at their AWS limits", () => {
    // "app-" is 4 characters: 60 + 4 = 64 for functions, 76 + 4 = 80 for queues, 59 + 4 = 63 for buckets.
    const text = specYaml({ destinations: { ["q".repeat(76)]: { type: "sqs" }, ["b".repeat(59)]: { type: "s3" } }, functions: { ["f".repeat(60)]: s3Code } });
    expect(messages(text).filter((m) => m.startsWith("LD204"))).toEqual([]);
  });
});
