/** `process-image` -> `process_image`: a Terraform label (identifiers allow letters, digits, `_` and `-`; ldgen uses `_`). */
export function toLabel(name: string): string {
  const label = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(label) ? label : `_${label}`;
}

/** `image-metadata` -> `ImageMetadata`: for statement ids and construct variables. */
export function toPascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

export function toCamel(name: string): string {
  const pascal = toPascal(name);
  return pascal ? pascal[0].toLowerCase() + pascal.slice(1) : pascal;
}

/** The AWS name of a created resource: `<spec name>-<key>`. */
export function awsName(specName: string, key: string): string {
  return `${specName}-${key}`;
}
