import * as fs from "node:fs";
import * as path from "node:path";
import { PLATFORM_FILE, type PlatformSource } from "../index";

/** How the platform file was chosen: `--platform FILE`, `--no-platform`, or looked up from the spec's folder. */
export type PlatformOption = string | boolean | undefined;

/**
 * The platform file for a spec: `--platform FILE`, else `ldgen.platform.yaml` beside the spec or in the
 * nearest parent folder that has one. `--no-platform` turns the lookup off. Throws (exit 2) when a named
 * file cannot be read.
 */
export function findPlatform(spec: string, option: PlatformOption): PlatformSource | undefined {
  if (option === false) return undefined;
  if (typeof option === "string") return read(option, `--platform ${option}`);
  let dir = path.dirname(path.resolve(spec));
  for (;;) {
    const candidate = path.join(dir, PLATFORM_FILE);
    if (fs.existsSync(candidate)) return read(display(candidate), candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A path as the user reads it: relative to the working folder when below it. */
function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

function read(file: string, what: string): PlatformSource {
  try {
    if (fs.statSync(file).isDirectory()) throw new Error(`${what} is a directory; give the platform file (${PLATFORM_FILE})`);
    return { file, text: fs.readFileSync(file, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new Error(`cannot read ${what}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (error as Error).message}`);
  }
}
