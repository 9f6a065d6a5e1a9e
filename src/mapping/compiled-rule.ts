import type { MappingPath } from './path.ts';
import type { TransformArgs, TransformDef } from './transform.ts';

/** A transform of a compiled rule; `reverse` runs its inverse. */
export interface CompiledTransform {
  readonly def: TransformDef;
  readonly args: TransformArgs;
  readonly reverse: boolean;
}

/** A rule compiled for one direction. */
export interface CompiledRule {
  /** `#3 dni (document.number → Patient.identifier[…].value)`, for issues and errors. */
  readonly label: string;
  readonly sources: readonly MappingPath[];
  /** No targets: the value is only checked (a constant read back). */
  readonly targets: readonly MappingPath[];
  readonly transforms: readonly CompiledTransform[];
  readonly when?: CompiledCondition;
  readonly default?: unknown;
  /** Set for `a[]` → `b[]`: the element rules (empty: map each element's value). */
  readonly each?: readonly CompiledRule[];
}

/** A compiled `when`. */
export interface CompiledCondition {
  readonly path: MappingPath;
  readonly equals?: string | number | boolean;
  readonly exists?: boolean;
}

/** The rules of a spec for one direction, with what the unmapped-field report ignores. */
export interface CompiledSpec {
  readonly rules: readonly CompiledRule[];
  readonly ignore: readonly string[];
}

/** The same rule read the other way round (the spec is bidirectional). */
export function invertRule(rule: CompiledRule): CompiledRule {
  const inverted: CompiledRule = {
    label: rule.label,
    sources: rule.targets,
    targets: rule.sources,
    transforms: [...rule.transforms].reverse().map((t) => ({ ...t, reverse: !t.reverse })),
  };
  return rule.each === undefined ? inverted : { ...inverted, each: rule.each.map(invertRule) };
}
