/**
 * The libraries a generated CDK app is written against: CDKTF (archived by HashiCorp on 2025-12-10)
 * or its community continuation CDK Terrain, whose packages have the same classes under new names.
 */
export interface Flavor {
  /** The core library: `App`, `TerraformStack`, ... */
  core: string;
  /** The prebuilt AWS provider bindings. */
  provider: string;
  /** The name users know it by, for comments. */
  title: string;
  /** The Node.js versions the app's package.json asks for. */
  node: string;
}

export type CdkFlavor = "cdktf" | "cdktn";

export const CDK_FLAVORS: Record<CdkFlavor, Flavor> = {
  cdktf: { core: "cdktf", provider: "@cdktf/provider-aws", title: "CDKTF", node: ">=20.9" },
  cdktn: { core: "cdktn", provider: "@cdktn/provider-aws", title: "CDK Terrain", node: ">=22.11" },
};
