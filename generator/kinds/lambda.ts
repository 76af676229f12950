import type { Kind } from "./kind";

/** A function as a destination; functions themselves are planned in `plan/functions.ts`. */
export const lambda: Kind = {
  type: "lambda",
  title: "Lambda",
  arnService: "lambda",
  asyncDestination: { onSuccess: true, onFailure: true },
  mappingDestination: false,
};
