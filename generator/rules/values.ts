import { distance } from "fastest-levenshtein";
import { formatPath, type Path } from "../diagnostics";
import type { Reporter } from "./reporter";
import { LIMITS } from "../limits";
import type { LambdaFunction, Model } from "../model/types";
import { DEPRECATED, RUNTIMES, today } from "./runtimes";

/** Environment variable names: a letter, then letters, digits and '_' (API_Environment). */
const ENV_KEY = /^[a-zA-Z][a-zA-Z0-9_]+$/;
/** Keys Lambda sets itself and refuses in a function's configuration (configuration-envvars.html#configuration-envvars-runtime). */
export const RESERVED_ENV = new Set([
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
]);

/** What CreateFunction accepts in a function's own values: its runtime and its environment. */
export function checkFunctionValues(model: Model, reporter: Reporter): void {
  // A value from `defaults` is reported once, not once per function.
  const reported = new Set<string>();
  const report = (code: Parameters<Reporter["report"]>[0], path: Path, message: string, at: "key" | "value" = "value") => {
    const key = `${code} ${formatPath(path)}`;
    if (!reported.has(key)) reporter.report(code, path, message, at);
    reported.add(key);
  };
  const date = today();
  // A runtime from `defaults` is one value at one place, one path every function that inherits it shares: checked once.
  const checked = new Map<Path, string>();
  for (const fn of model.functions) {
    if (fn.arn) continue;
    const where = (key: string): Path => fn.origin[key] ?? [...fn.path, key];
    if (fn.runtime !== undefined) {
      const at = where("runtime");
      if (checked.get(at) !== fn.runtime) checkRuntime(fn.runtime, at, date, report);
      checked.set(at, fn.runtime);
    }
    if (Object.keys(fn.environment).length > 0) checkEnvironment(fn, where("environment"), report);
  }
}

/** A valid name close to an invalid one: a letter first, `_` for the rest, two characters at least. */
function envName(key: string): string {
  const name = (/^[a-zA-Z]/.test(key) ? "" : "V_") + key.replace(/[^a-zA-Z0-9_]/g, "_");
  return name.length >= 2 ? name : `${name}_VALUE`;
}

type Report = (code: Parameters<Reporter["report"]>[0], path: Path, message: string, at?: "key" | "value") => void;

function checkRuntime(runtime: string, at: Path, date: string, report: Report): void {
  if (!RUNTIMES.includes(runtime)) {
    const hint = suggestRuntime(runtime);
    report("LD110", at, `${JSON.stringify(runtime)} is not a Lambda runtime identifier${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ""}; use one AWS lists, such as nodejs22.x, python3.13 or java21`);
    return;
  }
  const deprecated = DEPRECATED[runtime];
  if (deprecated !== undefined && deprecated <= date) {
    const successor = suggestRuntime(runtime, true);
    report("LD111", at, `AWS deprecated ${runtime} on ${deprecated}: it gets no security updates, and AWS then blocks creating and updating functions on it (got ${JSON.stringify(runtime)}); move to ${successor ? JSON.stringify(successor) : "a supported runtime"}`);
  }
}

const family = (r: string) => r.replace(/[\d.x]+$|-edge$|\.al2(023)?$/g, "").replace(/\d.*$/, "");
const squash = (r: string) => r.toLowerCase().replace(/js|\.x$|[.\s_-]/g, "");

/** The runtime meant by a misspelling (`node20` -> `nodejs20.x`), or, for a deprecated one, its family's newest supported runtime. */
function suggestRuntime(value: string, successor = false): string | undefined {
  const date = today();
  const supported = RUNTIMES.filter((r) => !(DEPRECATED[r] !== undefined && DEPRECATED[r] <= date));
  if (successor) return supported.filter((r) => family(r) === family(value)).pop();
  const exact = RUNTIMES.find((r) => squash(r) === squash(value));
  if (exact) return exact;
  let best: string | undefined;
  let score = Infinity;
  for (const r of supported) {
    const d = distance(squash(value), squash(r));
    if (d < score) [best, score] = [r, d];
  }
  return score <= 3 ? best : undefined;
}

function checkEnvironment(fn: LambdaFunction, at: Path, report: Report): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(fn.environment)) {
    bytes += Buffer.byteLength(key, "utf8") + Buffer.byteLength(value, "utf8");
    if (!ENV_KEY.test(key)) {
      report("LD112", [...at, key], `an environment variable name starts with a letter and has only letters, digits and '_', at least two characters (got ${JSON.stringify(key)}); rename it, for example to ${JSON.stringify(envName(key))}`, "key");
    } else if (RESERVED_ENV.has(key)) {
      report("LD113", [...at, key], `Lambda sets ${key} itself and refuses it in a function's environment (got ${JSON.stringify(key)}); rename it or remove it`, "key");
    }
  }
  if (bytes > LIMITS.environmentBytes) {
    report("LD114", at, `the environment variables of ${fn.name} take more than the ${LIMITS.environmentBytes} bytes (4 KB) Lambda allows in total, names and values together (got ${bytes} bytes); move large values to SSM Parameter Store or Secrets Manager and read them at start`, "key");
  }
}
