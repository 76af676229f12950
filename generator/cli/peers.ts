import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Packages ldgen needs only to run a generated CDK app (`--synth`). They are optional peer
 * dependencies: `npm install -g ldgen` leaves them out (they are most of the install's size), and a
 * user who synthesizes adds them beside ldgen.
 */
const PACKAGE = path.resolve(__dirname, "..", "..", "package.json");

function version(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(PACKAGE, "utf8")) as Record<string, Record<string, string> | undefined>;
  const range = pkg.devDependencies?.[name] ?? pkg.peerDependencies?.[name] ?? "";
  return range.replace(/^[\^~=]/, "");
}

/** Whether `name` resolves from ldgen's own location (its node_modules, or the folder it is installed in). */
function resolvable(name: string): boolean {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** The peers of `names` that are missing, with the `npm install` command that adds them; undefined when all are there. */
export function missingPeers(names: readonly string[]): string | undefined {
  const missing = names.filter((n) => !resolvable(n));
  if (missing.length === 0) return undefined;
  const specs = names.map((n) => `${n}@${version(n)}`).join(" ");
  return `--synth runs the generated app with ${names.join(", ")}, which are not installed beside ldgen (missing: ${missing.join(", ")}). Add them with: npm install -g ${specs} (or, where ldgen is a project dependency, npm install --save-dev ${specs})`;
}

export const CDKTF_PEERS = ["cdktf", "constructs", "@cdktf/provider-aws"] as const;
/** CDK Terrain (`--target cdktn --synth`). */
export const CDKTN_PEERS = ["cdktn", "constructs", "@cdktn/provider-aws"] as const;
