import type { X12Segment } from '../../x12/x12-types.ts';
import { valueAt } from './address.ts';
import type { Address, LayoutEntry, SegmentSpec } from './layout-types.ts';

/** Whether a read segment is the one `spec` describes: same id, `match` met, no `unless` hit. */
export function matchesSegment(spec: SegmentSpec, segment: X12Segment): boolean {
  if (segment.id !== spec.id) {
    return false;
  }
  const required = Object.entries(spec.match) as [Address, string | readonly string[]][];
  const met = required.every(([address, expected]) => {
    const value = valueAt(segment, address);
    return typeof expected === 'string' ? value === expected : expected.includes(value);
  });
  const excluded = Object.entries(spec.unless) as [Address, string][];
  return met && !excluded.some(([address, value]) => valueAt(segment, address) === value);
}

/** Whether a segment starts `entry` (a segment spec, or the first segment of a loop). */
export function startsEntry(entry: LayoutEntry, segment: X12Segment): boolean {
  const first = entry.kind === 'segment' ? entry : entry.entries[0];
  return first !== undefined && matchesSegment(first, segment);
}
