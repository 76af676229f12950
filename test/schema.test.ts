import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { jsonSchema } from "../generator";
import { examples } from "./support/examples";

/** `ldgen schema` is what editors validate against: it must compile, and accept every example. */
describe("the JSON Schema", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(jsonSchema());

  it.each(examples())("accepts example $name", ({ text }) => {
    expect(validate(parse(text)) ? [] : validate.errors).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown key", { version: 1, name: "a", functions: {}, fuctions: {} }],
    ["a bad destination type", { version: 1, name: "a", functions: {}, destinations: { d: { type: "kafka" } } }],
    ["a bad duration", { version: 1, name: "a", functions: { f: { code: "s3://b/k.zip", timeout: "5 minutes" } } }],
    ["a missing name", { version: 1, functions: {} }],
  ])("rejects %s", (_name, spec) => expect(validate(spec)).toBe(false));
});
