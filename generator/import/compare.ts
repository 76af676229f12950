import type { Plan } from "../plan/view";
import type { Context } from "./context";

/** Every attribute whose value ldgen's plan would change at the claimed addresses (filled in next). */
export function compare(plan: Plan, ctx: Context): void {
  void plan;
  void ctx;
}
