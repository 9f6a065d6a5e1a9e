import type { ElementRule, SlicingRule } from './element-rule.ts';
import type { Occurrence } from './check-element.ts';
import { equalsJson, matchesPattern } from './match-value.ts';
import { MESSAGES } from './messages.ts';
import { isJsonObject, report, type WalkContext } from './walk-context.ts';

/**
 * Assigns each occurrence to the first slice whose discriminators it matches (value, pattern,
 * exists and resource type discriminators), checks each slice's cardinality and, for closed
 * slicing, that every occurrence matches a slice. Returns the rule each occurrence is checked
 * against: its slice, or the sliced element itself.
 */
export function assignSlices(
  occurrences: readonly Occurrence[],
  rule: ElementRule,
  expression: string,
  ctx: WalkContext,
): ElementRule[] {
  const slicing = rule.slicing as SlicingRule;
  const counts = new Map<ElementRule, number>();
  const assigned = occurrences.map((o) => {
    const slice = slicing.slices.find((s) => matchesSlice(o.value, s, slicing));
    if (slice === undefined) {
      if (slicing.closed) {
        report(
          ctx,
          'error',
          'structure',
          o.expression,
          MESSAGES.notInClosedSlicing(rule.name),
          'slicing',
        );
      }
      return rule;
    }
    counts.set(slice, (counts.get(slice) ?? 0) + 1);
    return slice;
  });
  for (const slice of slicing.slices) {
    const count = counts.get(slice) ?? 0;
    const label = `${rule.name}:${slice.sliceName ?? ''}`;
    if (count < slice.min) {
      report(
        ctx,
        'error',
        'required',
        expression,
        MESSAGES.sliceTooFew(label, slice.min, count),
        'slicing',
      );
    } else if (count > slice.max) {
      report(
        ctx,
        'error',
        'structure',
        expression,
        MESSAGES.sliceTooMany(label, slice.max, count),
        'slicing',
      );
    }
  }
  return assigned;
}

function matchesSlice(value: unknown, slice: ElementRule, slicing: SlicingRule): boolean {
  return slicing.discriminators.every((d) => {
    const target = d.path === '$this' ? slice : findChildRule(slice, d.path);
    const actual = d.path === '$this' ? value : valueAtPath(value, d.path);
    switch (d.type) {
      case 'value':
      case 'pattern':
        return target !== undefined && matchesFixedOrPattern(actual, target);
      case 'exists':
        return target !== undefined && target.min > 0 === (actual !== undefined);
      case 'type':
        return isJsonObject(actual) && slice.types.some((t) => t.code === actual.resourceType);
      case 'profile':
        return false;
    }
  });
}

function matchesFixedOrPattern(actual: unknown, rule: ElementRule): boolean {
  if (rule.fixed !== undefined) {
    return equalsJson(actual, rule.fixed);
  }
  return rule.pattern !== undefined && matchesPattern(actual, rule.pattern);
}

function findChildRule(slice: ElementRule, path: string): ElementRule | undefined {
  let rule: ElementRule | undefined = slice;
  for (const step of path.split('.')) {
    rule = rule?.content()?.children.find((c) => c.name === step);
  }
  return rule;
}

function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    current = isJsonObject(current) ? current[step] : undefined;
  }
  return current;
}
