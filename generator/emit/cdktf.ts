import type { Plan } from "../plan/view";

/** Placeholder until the CDKTF emitter lands: the files of `DIR/cdktf/`. */
export function emitCdktf(plan: Plan, options: { specFile: string; templates?: string }): Record<string, string> {
  void plan;
  void options;
  return {};
}
