import type { Reporter } from "./reporter";
import type { Model } from "../model/types";

/** One version constraint: an operator and a version (version-constraints syntax). */
const CONSTRAINT = /^\s*(=|!=|>=?|<=?|~>)?\s*v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?\s*$/;

/** `terraform.requiredVersion` and `terraform.awsProvider` are version constraints Terraform can read. */
export function checkTerraform(model: Model, reporter: Reporter, raw = model.terraform): void {
  for (const key of ["requiredVersion", "awsProvider"] as const) {
    const value = raw[key];
    if (value.split(",").every((part) => CONSTRAINT.test(part))) continue;
    reporter.report("LD127", ["terraform", key], `${JSON.stringify(value)} is not a Terraform version constraint (operators =, !=, >, >=, <, <=, ~> before versions such as 1.5.0, joined by commas); write it as ">= 1.5.0" or "~> 5.100"`);
  }
}
