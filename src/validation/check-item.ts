import type { ElementRule, TypeRule } from './element-rule.ts';
import { checkBinding } from './check-binding.ts';
import { checkComplex } from './check-complex.ts';
import type { Occurrence } from './check-element.ts';
import { checkInvariants } from './check-invariants.ts';
import { checkTypeProfiles, typeProfilesOf } from './check-type-profiles.ts';
import { deferResource } from './check-resource.ts';
import { equalsJson, matchesPattern } from './match-value.ts';
import { MESSAGES } from './messages.ts';
import { primitiveProblem } from './primitive-types.ts';
import { isJsonObject, report, type WalkContext } from './walk-context.ts';

/**
 * Checks one value of an element: its JSON type and format (primitives), its children
 * (complex types, recursively) or its resource, then fixed and pattern values, the required
 * binding (by strength) and the invariants. References are recorded for resolution after the walk.
 */
export function checkItem(
  o: Occurrence,
  rule: ElementRule,
  type: TypeRule | undefined,
  ctx: WalkContext,
): void {
  const { value, extra, expression } = o;
  if (type === undefined) {
    return;
  }
  if (extra !== undefined) {
    checkPrimitiveExtras(extra, type, expression, ctx);
  }
  if (value === undefined) {
    return;
  }
  if (!checkStructure(value, rule, type, expression, ctx)) {
    return;
  }
  if (rule.fixed !== undefined && !equalsJson(value, rule.fixed)) {
    report(ctx, 'error', 'value', expression, MESSAGES.notFixed(rule.fixed), 'fixed');
  }
  if (rule.pattern !== undefined && !matchesPattern(value, rule.pattern)) {
    report(ctx, 'error', 'value', expression, MESSAGES.notPattern(rule.pattern), 'pattern');
  }
  if (rule.binding !== undefined) {
    checkBinding(value, rule.binding, expression, ctx);
  }
  checkInvariants(value, rule.invariants, expression, ctx);
}

/** Type-specific checks; false when the value is too wrong to check further. */
function checkStructure(
  value: unknown,
  rule: ElementRule,
  type: TypeRule,
  expression: string,
  ctx: WalkContext,
): boolean {
  const primitive = ctx.registry.primitives.get(type.code);
  if (primitive !== undefined) {
    const problem = primitiveProblem(value, primitive);
    if (problem === 'type') {
      const m = MESSAGES.wrongJsonType(primitive.json, type.code);
      report(ctx, 'error', 'structure', expression, m, 'type');
    } else if (problem === 'format') {
      report(ctx, 'error', 'value', expression, MESSAGES.badFormat(type.code, value), 'format');
    }
    return problem === undefined;
  }
  if (
    type.code === 'Resource' ||
    ctx.registry.conformance.coreTypes.get(type.code)?.kind === 'resource'
  ) {
    deferResource(value, expression, ctx, rule.name === 'contained' ? ctx.scope : undefined);
    return true;
  }
  if (!isJsonObject(value)) {
    report(
      ctx,
      'error',
      'structure',
      expression,
      MESSAGES.wrongJsonType('object', type.code),
      'type',
    );
    return false;
  }
  // A profile's snapshot carries the base rules: the base type is walked only without one.
  const profiles = typeProfilesOf(value, rule, type, expression, ctx);
  const content =
    rule.content() ?? (profiles.length > 0 ? undefined : ctx.registry.complexType(type.code));
  if (content !== undefined) {
    checkComplex(value, content, expression, ctx);
  }
  checkTypeProfiles(value, profiles, expression, ctx);
  if (type.code === 'Reference') {
    ctx.references.push({
      reference: typeof value.reference === 'string' ? value.reference : undefined,
      hasIdentifier: value.identifier !== undefined,
      identifier: isJsonObject(value.identifier)
        ? { system: value.identifier.system, value: value.identifier.value }
        : undefined,
      expression,
      targetProfiles: type.targetProfiles,
      scope: ctx.scope,
    });
  }
  return true;
}

/** `_name`: the id and extensions of a primitive value. */
function checkPrimitiveExtras(
  extra: unknown,
  type: TypeRule,
  expression: string,
  ctx: WalkContext,
) {
  const content = ctx.registry.complexType(type.code);
  if (!isJsonObject(extra) || content === undefined) {
    report(
      ctx,
      'error',
      'structure',
      expression,
      MESSAGES.wrongJsonType('object', 'Element'),
      'type',
    );
    return;
  }
  checkComplex(extra, content, expression, ctx);
}
