/** `process-image` -> `process_image`: a Terraform label (identifiers allow letters, digits, `_` and `-`; ldgen uses `_`). */
export function toLabel(name: string): string {
  const label = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(label) ? label : `_${label}`;
}

/** `image-metadata` -> `ImageMetadata`: for statement ids and construct variables. */
const pascal = new Map<string, string>();
export function toPascal(name: string): string {
  // The same few names (a spec's queues, topics, streams) are asked for once per statement that names them.
  let out = pascal.get(name);
  if (out === undefined) {
    out = name
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((part) => part[0].toUpperCase() + part.slice(1))
      .join("");
    // (bounded: a long-running process that uses the library does not keep every name it ever saw)
    if (pascal.size >= 10_000) pascal.clear();
    pascal.set(name, out);
  }
  return out;
}

export function toCamel(name: string): string {
  const pascal = toPascal(name);
  return pascal ? pascal[0].toLowerCase() + pascal.slice(1) : pascal;
}

/** The AWS name of a created resource: `<spec name>-<key>`. */
export function awsName(specName: string, key: string): string {
  return `${specName}-${key}`;
}
