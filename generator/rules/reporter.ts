import { Reporter as AnyReporter, type Diagnostic as AnyDiagnostic, type Locate } from "../diagnostics";
import { RULES, type RuleCode } from "./catalog";

/** A diagnostic with one of the catalog's codes (what the library returns). */
export type Diagnostic = AnyDiagnostic<RuleCode>;

/** The reporter every stage reports through: the catalog's codes, each with the catalog's severity. */
export class Reporter extends AnyReporter<RuleCode> {
  constructor(file: string, locate: Locate) {
    super(file, locate, severityOf);
  }
}

const severityOf = (code: RuleCode) => RULES[code].severity;
