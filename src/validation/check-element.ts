import type { ElementRule, TypeRule } from './element-rule.ts';
import { checkItem } from './check-item.ts';
import { assignSlices } from './check-slicing.ts';
import { MESSAGES } from './messages.ts';
import { report, type JsonObject, type WalkContext } from './walk-context.ts';

/** One occurrence of an element: its JSON value, `_name` sibling and FHIRPath. */
export interface Occurrence {
  readonly value: unknown;
  readonly extra: unknown;
  readonly expression: string;
}

/**
 * Checks the values of one element of `parent`: which choice type is used, JSON array or
 * not, cardinality, slicing, then each value against its type.
 */
export function checkElement(
  parent: JsonObject,
  rule: ElementRule,
  parentExpression: string,
  ctx: WalkContext,
): void {
  const present = rule.types.filter(
    (t) => parent[t.jsonName] !== undefined || parent[`_${t.jsonName}`] !== undefined,
  );
  if (present.length > 1) {
    report(
      ctx,
      'error',
      'structure',
      `${parentExpression}.${rule.name}`,
      MESSAGES.twoChoices(rule.name),
      'choice',
    );
  }
  const type = present[0] ?? rule.types[0];
  const name = type?.jsonName ?? rule.name;
  const occurrences = occurrencesOf(parent, name, rule, `${parentExpression}.${name}`, ctx);
  checkCardinality(rule, occurrences.length, `${parentExpression}.${name}`, ctx);
  checkOccurrences(occurrences, rule, type, `${parentExpression}.${name}`, ctx);
}

function occurrencesOf(
  parent: JsonObject,
  name: string,
  rule: ElementRule,
  expression: string,
  ctx: WalkContext,
): Occurrence[] {
  const value = parent[name];
  const extra = parent[`_${name}`];
  if (value === undefined && extra === undefined) {
    return [];
  }
  const isArray = Array.isArray(value ?? extra);
  if (isArray !== rule.isArray) {
    const m = rule.isArray ? MESSAGES.arrayExpected(name) : MESSAGES.singleExpected(name);
    report(ctx, 'error', 'structure', expression, m, 'json-array');
  }
  if (!isArray) {
    return [{ value, extra, expression }];
  }
  const values: unknown[] = Array.isArray(value) ? value : [];
  const extras: unknown[] = Array.isArray(extra) ? extra : [];
  const length = Math.max(values.length, extras.length);
  const result: Occurrence[] = [];
  for (let i = 0; i < length; i += 1) {
    const v = values[i] ?? undefined;
    const x = extras[i] ?? undefined;
    if (v !== undefined || x !== undefined) {
      result.push({ value: v, extra: x, expression: `${expression}[${i}]` });
    }
  }
  return result;
}

function checkCardinality(rule: ElementRule, count: number, expression: string, ctx: WalkContext) {
  if (count < rule.min) {
    report(
      ctx,
      'error',
      'required',
      expression,
      MESSAGES.tooFew(rule.name, rule.min, count),
      'cardinality',
    );
  } else if (count > rule.max) {
    report(
      ctx,
      'error',
      'structure',
      expression,
      MESSAGES.tooMany(rule.name, rule.max, count),
      'cardinality',
    );
  }
}

function checkOccurrences(
  occurrences: readonly Occurrence[],
  rule: ElementRule,
  type: TypeRule | undefined,
  expression: string,
  ctx: WalkContext,
) {
  const rules =
    rule.slicing === undefined
      ? undefined
      : assignSlices(occurrences, rule, type?.code, expression, ctx);
  occurrences.forEach((o, i) => {
    const itemRule = rules?.[i] ?? rule;
    checkItem(o, itemRule, itemRule === rule ? type : typeOfSlice(itemRule, type), ctx);
  });
}

/** The slice's own rule for the type used: its `type.profile` and target profiles apply. */
function typeOfSlice(slice: ElementRule, type: TypeRule | undefined): TypeRule | undefined {
  return slice.types.find((t) => t.code === type?.code) ?? type;
}
