import type { Reporter } from "./reporter";
import type { Model } from "../model/types";
import { edgeStatements } from "../plan/iam";

/** A function's own statements: ids unique in its policy document, and no grant on every resource unremarked. */
export function checkPolicies(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    // A function without policies of its own has nothing to clash with its edge statements.
    if (fn.policies.length === 0) continue;
    const taken = new Map(edgeStatements(fn, model).map((s) => [s.sid, "ldgen's statement for an edge"]));
    for (const statement of fn.policies) {
      const first = taken.get(statement.sid);
      if (first) {
        reporter.report("LD154", [...statement.path, "sid"], `${fn.name}'s policy already has a statement ${JSON.stringify(statement.sid)} (${first}); give this one another sid`);
      }
      taken.set(statement.sid, "another of its policies");
      statement.resources.forEach((r, i) => {
        if (r.kind === "arn" && r.arn === "*") {
          reporter.report("LD250", [...statement.path, "resources", i], `this statement grants ${statement.actions.join(", ")} on every resource (got "*"); name the ARNs ${fn.name} needs, or keep "*" only for actions that take no resource`);
        }
      });
    }
  }
}
