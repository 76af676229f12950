import { TAGGABLE, call, nameAttribute, NAME_PREFIXES, ref, type Item, type Output, type Plan, type Resource, type Value } from "./view";


/** `var.name` and `local.tags` as the module form writes them. */
export const MODULE_TAGS = ref("local", "tags");

/**
 * The plan of the child-module form: every AWS name derived from `var.name` (`"${var.name}-process-image"`),
 * every taggable resource tagged with `local.tags` (the spec's tags merged with `var.tags`) and its own tags.
 * Addresses, references and outputs are those of the root form.
 */
export function asModule(plan: Plan): Plan {
  const resource = (r: Resource): Resource => {
    const nameAttr = nameAttribute(r.type);
    let body = r.body.map((item) => ("attr" in item && item.attr === nameAttr && r.mode === "resource" ? { attr: item.attr, value: moduleName(item.value, plan.name) } : item));
    if (r.mode === "resource" && TAGGABLE.has(r.type)) body = withModuleTags(body, plan.tags ?? {});
    return { ...r, body };
  };
  return {
    ...plan,
    terraform: { ...plan.terraform, backend: undefined },
    files: plan.files.map((f) => ({ ...f, resources: f.resources.map(resource) })),
    outputs: plan.outputs.map((o): Output => o),
  };
}

/** `"<prefix><spec>-<key>"` -> `"<prefix>${var.name}-<key>"`; any other value as it is. */
function moduleName(value: Value, specName: string): Value {
  if (value.t !== "str") return value;
  for (const prefix of NAME_PREFIXES) {
    const head = `${prefix}${specName}-`;
    if (value.v.startsWith(head)) return ref("var", "name", prefix, value.v.slice(head.length - 1));
  }
  return value;
}

/** `tags = merge(local.tags, { <own> })`, or `local.tags` when the resource has no tags of its own. */
function withModuleTags(body: Item[], specTags: Record<string, string>): Item[] {
  const at = body.findIndex((item) => "attr" in item && item.attr === "tags");
  const current = at >= 0 ? (body[at] as { attr: string; value: Value }).value : undefined;
  const own = current?.t === "map" ? current.entries.filter(([k, v]) => !(v.t === "str" && Object.hasOwn(specTags, k) && specTags[k] === v.v)) : [];
  const value = own.length ? call("merge", MODULE_TAGS, { t: "map", entries: own }) : MODULE_TAGS;
  if (at >= 0) return body.map((item, i) => (i === at ? { attr: "tags", value } : item));
  // Tags go where the root form writes them: after the attributes, before the blocks.
  const firstBlock = body.findIndex((item) => "block" in item);
  const copy = [...body];
  copy.splice(firstBlock < 0 ? copy.length : firstBlock, 0, { attr: "tags", value });
  return copy;
}
