import type { Reporter } from "./reporter";
import type { Model } from "../model/types";
import type { Plan } from "../plan/view";
import { checkAccounts } from "./accounts";
import { checkAsync } from "./async";
import { checkDeadLetters } from "./dead-letters";
import { checkGraph } from "./graph";
import { checkMappings } from "./mappings";
import { checkPolicies } from "./policies";
import { checkAddresses, checkNameLengths } from "./names";
import { checkReferenceKinds } from "./references";
import { checkArnRoles } from "./arns";
import { checkSources } from "./sources";
import { checkTerraform } from "./terraform";
import { checkTriggers } from "./triggers";
import { checkFunctionValues } from "./values";
import { checkVisibility } from "./visibility";

/** Every check on the resolved model; each reports through the catalog's codes. */
const MODEL_CHECKS: ((model: Model, reporter: Reporter) => void)[] = [checkNameLengths, checkReferenceKinds, checkDeadLetters, checkAsync, checkMappings, checkVisibility, checkGraph, checkAccounts, checkFunctionValues, checkTriggers, checkSources, checkArnRoles, checkTerraform, checkPolicies];

export function checkModel(model: Model, reporter: Reporter): void {
  for (const check of MODEL_CHECKS) check(model, reporter);
}

export { checkPartition } from "./partition";

export function checkPlan(plan: Plan, reporter: Reporter): void {
  checkAddresses(plan, reporter);
}
