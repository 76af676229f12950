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
    // Each run of ASCII letters and digits, its first character in upper case, in one pass (most names are
    // asked for once: a split into parts cost a dozen regular expression steps a name).
    out = "";
    let start = true;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      const alphanumeric = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      if (alphanumeric) out += start ? name[i].toUpperCase() : name[i];
      start = !alphanumeric;
    }
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
