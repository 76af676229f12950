import type { StateResource } from "./read";

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * The spec `name` that the functions' AWS names begin with, `<name>-<key>`. Each function whose Terraform
 * label, `for_each` key or module name reads as the end of its AWS name (`aws_lambda_function.process_image`
 * named `image-pipeline-process-image`) votes for what comes before; without votes for half of them, the names'
 * common prefix (at a `-`); a single name without one, its first word.
 */
export function inferName(functions: readonly StateResource[]): string | undefined {
  const nameOf = (r: StateResource) => r.values.function_name ?? r.values.name;
  const names = functions.map(nameOf).filter((n): n is string => typeof n === "string" && n !== "");
  if (names.length === 0) return undefined;
  const votes = new Map<string, number>();
  for (const r of functions) {
    const name = nameOf(r);
    if (typeof name !== "string") continue;
    // What a root calls the function: its label, its for_each key, the module it is in (`module.resize...this[0]`).
    const calls = [r.name, typeof r.index === "string" ? r.index : undefined, /(?:^|\.)module\.([^.[]+)(?:\[[^\]]*\])?\.[^.]+\.[^.]+$/.exec(r.address)?.[1]];
    for (const call of calls) {
      if (!call) continue;
      const tail = `-${call.replace(/_/g, "-")}`;
      const head = name.slice(0, -tail.length);
      if (name.endsWith(tail) && NAME.test(head)) {
        votes.set(head, (votes.get(head) ?? 0) + 1);
        break;
      }
    }
  }
  const best = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (best && best[1] * 2 >= names.length) return best[0];
  const prefix = commonPrefix(names);
  if (names.length > 1 && NAME.test(prefix)) return prefix;
  const word = names[0].split("-")[0].toLowerCase();
  return NAME.test(word) ? word : undefined;
}

/** The longest common prefix of the names that ends before a `-` in each. */
function commonPrefix(names: string[]): string {
  let prefix = names[0];
  for (const n of names) {
    let i = 0;
    while (i < prefix.length && i < n.length && prefix[i] === n[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const cut = names.every((n) => n[prefix.length] === "-") ? prefix.length : prefix.lastIndexOf("-");
  return cut > 0 ? prefix.slice(0, cut) : "";
}
