import { checkComplex } from './check-complex.ts';
import { extensionDefinitionOf } from './check-extension.ts';
import { checkInvariants } from './check-invariants.ts';
import type { ElementRule, ResourceRule, TypeRule } from './element-rule.ts';
import type { JsonObject, WalkContext } from './walk-context.ts';

const NONE: readonly ResourceRule[] = [];

/**
 * The profiles a complex value is checked against besides its element's own rules: the known
 * constraint profiles of its type (`type.profile`: an extension slice's definition, an
 * `Identifier` profile) and, for an `Extension`, the definition its `url` names.
 */
export function typeProfilesOf(
  value: JsonObject,
  rule: ElementRule,
  type: TypeRule,
  expression: string,
  ctx: WalkContext,
): readonly ResourceRule[] {
  if (type.code !== 'Extension') {
    return type.profiles.length === 0 ? NONE : type.conformsTo();
  }
  const declared = type.conformsTo();
  const named = extensionDefinitionOf(value, rule, declared, expression, ctx);
  return named === undefined ? declared : [...declared, named];
}

/**
 * Checks a value in place against profiles of its type: each profile's root invariants and
 * its elements (cardinality, value[x] types, fixed values, bindings, slicing, invariants), the
 * issues at the value's own location. A profile's snapshot carries every base rule too.
 */
export function checkTypeProfiles(
  value: JsonObject,
  profiles: readonly ResourceRule[],
  expression: string,
  ctx: WalkContext,
): void {
  for (const profile of profiles) {
    checkInvariants(value, profile.root.invariants, expression, ctx);
    checkComplex(value, profile.content, expression, ctx);
  }
}
