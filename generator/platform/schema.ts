import { bool, duration, int, list, object, oneOf, str, stringMap, type Field } from "../parse/fields";
import { defaultsField, terraformField } from "../parse/spec-schema";
import { PROTECTABLE } from "../model/protect";

/** The file name ldgen looks for beside the spec and in every parent folder. */
export const PLATFORM_FILE = "ldgen.platform.yaml";

/** What a platform team may require of every spec (each key is one `LD8xx` rule). */
export const requireField = object("Conventions every spec must follow; each broken one is an LD8xx error at the spec's line.", {
  tags: list("Tag keys every spec must set (in its tags, or through the platform's).", str()),
  runtimes: list("The runtimes a created function may use.", str()),
  architectures: list("The instruction sets a created function may use (unset means x86_64).", oneOf("Instruction set.", ["x86_64", "arm64"])),
  maxTimeout: duration("The longest timeout a created function may have.", 1, 900, "LD106"),
  maxMemory: int("The most memory (MB) a created function may have.", 128, 10240, "LD106"),
  onFailure: bool("Every asynchronous invocation config names an onFailure destination."),
  deadLetter: bool("Every SQS queue that feeds an event source mapping has a deadLetter queue."),
  monitoring: bool("The spec has a top-level monitoring section."),
  encryption: oneOf("kms: every queue and topic ldgen creates names a kmsKey.", ["kms"]),
  namePattern: str("A regular expression the spec's name must match as a whole."),
  protect: list("Kinds whose every created entry is protected (lifecycle prevent_destroy) unless it says protect: false, which is an error: lambda for functions, or a destination or source type.", oneOf("A kind: lambda (functions) or the type of a destination or source ldgen creates.", PROTECTABLE)),
});

export const platformSchema = object(
  "An ldgen platform file: conventions, defaults and guardrails shared by every spec below its folder.",
  {
    version: int("Platform file version: 1.", 1, 1, "LD006"),
    defaults: defaultsField,
    tags: stringMap("Tags added to every spec's tags (the spec's win)."),
    require: requireField,
    terraform: terraformField,
    templates: str("A templates folder, relative to the platform file: shadows built-ins, per-type templates, extra files."),
  } satisfies Record<string, Field>,
  ["version"],
);
