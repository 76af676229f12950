import type { Path } from "../diagnostics";

export interface Backend {
  type: string;
  config: Record<string, unknown>;
}

export interface Requirements {
  tags?: string[];
  runtimes?: string[];
  architectures?: string[];
  maxTimeout?: number;
  maxMemory?: number;
  onFailure?: boolean;
  deadLetter?: boolean;
  monitoring?: boolean;
  encryption?: "kms";
  namePattern?: RegExp;
  /** Kinds (`lambda` for functions, else endpoint types) whose every created entry is protected. */
  protect?: string[];
}

/** A platform file, checked: what it sets, and where each requirement is written (for the spec's diagnostics). */
export interface Platform {
  file: string;
  defaults: Record<string, unknown>;
  tags: Record<string, string>;
  require: Requirements;
  terraform: { requiredVersion?: string; awsProvider?: string; backend?: Backend };
  /** The templates folder, resolved against the platform file's folder. */
  templates?: string;
  /** `ldgen.platform.yaml:12` (and the key's path) for a key of the platform file. */
  where(path: Path): string;
}

export interface PlatformSource {
  file: string;
  text: string;
}
