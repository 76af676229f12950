import type { Claim } from "./context";
import { importId } from "./ids";

/** A POSIX shell word. */
const word = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The same root takes the spec's output: each resource whose address changes moves there. */
export const movesOf = (claims: Claim[]) => claims.filter((c) => c.from.address !== c.to).map((c) => ({ from: c.from.address, to: c.to }));

/** A new root adopts the resources (Terraform >= 1.5 `import {}` blocks). */
export const importsOf = (claims: Claim[]) => claims.map((c) => ({ to: c.to, id: importId(c.from) }));

/** A new root takes the old root's state over: local state files, old and new. */
export const stateMovesOf = (claims: Claim[]) => claims.map((c) => `terraform state mv -state=old.tfstate -state-out=new.tfstate ${word(c.from.address)} ${word(c.to)}`);

const hcl = (s: string) => JSON.stringify(s).replace(/([$%])\{/g, (_, c: string) => `${c}${c}{`);

export function movedBlocks(moves: { from: string; to: string }[]): string {
  return moves.map((m) => `moved {\n  from = ${m.from}\n  to   = ${m.to}\n}\n`).join("\n");
}

export function importBlocks(imports: { to: string; id: string }[]): string {
  return imports.map((i) => `import {\n  to = ${i.to}\n  id = ${hcl(i.id)}\n}\n`).join("\n");
}
