/**
 * The JSON form of a mapping spec (`mappings/*.json`), documented in mappings/README.md.
 * `checkSpec` verifies that a parsed file has this shape before anything uses it.
 */
export interface MappingSpec {
  readonly id: string;
  readonly title?: string;
  readonly description: string;
  readonly source: SideSpec;
  readonly target: SideSpec;
  /** Every rule is invertible: the same spec also maps target → source. */
  readonly bidirectional?: boolean;
  /** Fields deliberately not mapped, per side, each with its reason (never silently dropped). */
  readonly ignore?: {
    readonly source?: readonly IgnoreSpec[];
    readonly target?: readonly IgnoreSpec[];
  };
  readonly rules: readonly RuleSpec[];
}

/** One side of a mapping: its format, and optionally the root name top-level paths start with. */
export interface SideSpec {
  readonly format: string;
  /** E.g. `Patient`: top-level paths are then written `Patient.gender`. */
  readonly root?: string;
  readonly description?: string;
}

/** A field deliberately left unmapped. */
export interface IgnoreSpec {
  readonly path: string;
  readonly reason: string;
}

/** One rule: source path(s) → target path(s), optionally transformed, conditional or repeated. */
export interface RuleSpec {
  readonly id?: string;
  readonly source?: string | readonly string[];
  readonly target: string | readonly string[];
  readonly transform?: TransformSpec | readonly TransformSpec[];
  readonly when?: ConditionSpec;
  readonly default?: unknown;
  /** With `source: "a[]"` and `target: "b[]"`: rules for each element, relative to it. */
  readonly rules?: readonly RuleSpec[];
  readonly note?: string;
}

/** A transform: its name alone, or `{ "name": …, …arguments, "reverse"?: true }`. */
export type TransformSpec =
  string | { readonly name: string; readonly reverse?: boolean; readonly [arg: string]: unknown };

/** Apply a rule only when a source path equals a value, or exists (or not). */
export interface ConditionSpec {
  readonly path: string;
  readonly equals?: string | number | boolean;
  readonly exists?: boolean;
}

export const RULE_KEYS: readonly string[] = [
  'id',
  'source',
  'target',
  'transform',
  'when',
  'default',
  'rules',
  'note',
];
export const SPEC_KEYS: readonly string[] = [
  '$schema',
  'id',
  'title',
  'description',
  'source',
  'target',
  'bidirectional',
  'ignore',
  'rules',
];
