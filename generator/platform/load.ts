import * as path from "node:path";
import { formatPath, type Path } from "../diagnostics";
import type { Diagnostic, Reporter } from "../rules/reporter";
import { load } from "../parse/load";
import { checkShape } from "../parse/shape";
import { platformSchema } from "./schema";

import type { Platform, PlatformSource, Requirements } from "./types";

/** Parses and checks a platform file like a spec: positions, codes, "did you mean". Writes nothing. */
export function loadPlatform(source: PlatformSource, exists?: (p: string) => boolean, fastYaml?: boolean): { platform?: Platform; diagnostics: Diagnostic[] } {
  const { value, reporter } = load(source.text, source.file, platformSchema, { fast: fastYaml });
  if (value === undefined) return { diagnostics: reporter.diagnostics };
  const raw = checkShape(value, platformSchema, [], reporter) as Record<string, unknown>;
  const req = (raw.require ?? {}) as Record<string, unknown>;
  const terraform = (raw.terraform ?? {}) as Platform["terraform"];
  const platform: Platform = {
    file: source.file,
    defaults: (raw.defaults ?? {}) as Record<string, unknown>,
    tags: (raw.tags ?? {}) as Record<string, string>,
    require: { ...(req as Requirements), namePattern: pattern(req.namePattern, reporter) },
    terraform,
    templates: templatesFolder(raw.templates, source.file, reporter, exists),
    where: (p: Path) => {
      const { line } = reporter.position(p, "key");
      return `${source.file}:${line}: ${formatPath(p)}`;
    },
  };
  if (platform.require.namePattern === undefined) delete platform.require.namePattern;
  return { platform, diagnostics: reporter.diagnostics };
}

function pattern(text: unknown, reporter: Reporter): RegExp | undefined {
  if (typeof text !== "string") return undefined;
  try {
    return new RegExp(`^(?:${text})$`, "u");
  } catch (error) {
    const why = (error as Error).message.replace(/^Invalid regular expression: /, "");
    reporter.report("LD820", ["require", "namePattern"], `not a valid regular expression: ${why}; fix the pattern (JavaScript syntax, matched against the whole name)`);
    return undefined;
  }
}

function templatesFolder(value: unknown, file: string, reporter: Reporter, exists?: (p: string) => boolean): string | undefined {
  if (typeof value !== "string") return undefined;
  // Relative to the platform file, and shown as the user gave that file's path.
  const folder = path.isAbsolute(value) ? value : path.join(path.dirname(file), value);
  if (exists && !exists(folder)) {
    reporter.report("LD821", ["templates"], `the templates folder ${JSON.stringify(value)} does not exist (looked for ${folder}); create it or fix the path, which is relative to the platform file`);
    return undefined;
  }
  return folder;
}
