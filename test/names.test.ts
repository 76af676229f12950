import { toLabel, toPascal } from "../generator/model/names";

describe("names", () => {
  it.each<[string, string]>([
    ["image-metadata", "ImageMetadata"],
    ["fn-00000-ok", "Fn00000Ok"],
    ["image_metadata", "ImageMetadata"],
    ["--a..b__c--", "ABC"],
    ["9lives", "9lives"],
    ["über-café", "BerCaf"],
    ["", ""],
  ])("toPascal(%j) is %j: each run of ASCII letters and digits, capitalized", (name, want) => {
    expect(toPascal(name)).toBe(want);
  });

  it.each<[string, string]>([
    ["process-image", "process_image"],
    ["9lives", "_9lives"],
    ["a.b", "a_b"],
  ])("toLabel(%j) is %j", (name, want) => {
    expect(toLabel(name)).toBe(want);
  });
});
