import type { ElementRule, SlicingRule } from './element-rule.ts';
import type { Occurrence } from './check-element.ts';
import { matchesSlice } from './match-slice.ts';
import { MESSAGES } from './messages.ts';
import { report, type WalkContext } from './walk-context.ts';

/**
 * Assigns each occurrence to the first slice whose discriminators it matches (`value`,
 * `pattern`, `exists`, `type`, `profile`; see `match-slice.ts`), checks each slice's
 * cardinality and, for closed slicing, that every occurrence matches a slice. Returns the rule
 * each occurrence is checked against: its slice, or the sliced element itself.
 */
export function assignSlices(
  occurrences: readonly Occurrence[],
  rule: ElementRule,
  typeCode: string | undefined,
  expression: string,
  ctx: WalkContext,
): ElementRule[] {
  const slicing = rule.slicing as SlicingRule;
  const counts = new Map<ElementRule, number>();
  const assigned = occurrences.map((o) => {
    const candidate = { value: o.value, expression: o.expression, typeCode };
    const slice = slicing.slices.find((s) => matchesSlice(candidate, s, slicing, ctx));
    if (slice === undefined) {
      if (slicing.closed) {
        const m = MESSAGES.notInClosedSlicing(rule.name);
        report(ctx, 'error', 'structure', o.expression, m, 'slicing');
      }
      return rule;
    }
    counts.set(slice, (counts.get(slice) ?? 0) + 1);
    return slice;
  });
  checkSliceCardinality(slicing, counts, rule.name, expression, ctx);
  return assigned;
}

function checkSliceCardinality(
  slicing: SlicingRule,
  counts: ReadonlyMap<ElementRule, number>,
  name: string,
  expression: string,
  ctx: WalkContext,
) {
  for (const slice of slicing.slices) {
    const count = counts.get(slice) ?? 0;
    const label = `${name}:${slice.sliceName ?? ''}`;
    if (count < slice.min) {
      const m = MESSAGES.sliceTooFew(label, slice.min, count);
      report(ctx, 'error', 'required', expression, m, 'slicing');
    } else if (count > slice.max) {
      const m = MESSAGES.sliceTooMany(label, slice.max, count);
      report(ctx, 'error', 'structure', expression, m, 'slicing');
    }
  }
}
