import type { Kind } from "./kind";

/** A function as a destination; functions themselves are planned in `plan/functions.ts`. */
export const lambda: Kind = {
  type: "lambda",
  asyncDestination: { onSuccess: true, onFailure: true },
  mappingDestination: false,
};
