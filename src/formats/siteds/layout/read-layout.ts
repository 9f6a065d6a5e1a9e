import type { X12Segment } from '../../x12/x12-types.ts';
import { setPath, valueAt } from './address.ts';
import type { Address, GroupSpec, LayoutEntry, SegmentSpec } from './layout-types.ts';
import { matchesSegment, startsEntry } from './match-segment.ts';

/** A read body: the model record and the segments no layout entry claimed (never dropped silently). */
export interface LayoutReadResult {
  readonly record: Record<string, unknown>;
  readonly unmapped: readonly X12Segment[];
}

interface State {
  readonly segments: readonly X12Segment[];
  index: number;
  readonly unmapped: X12Segment[];
}

/**
 * Reads body segments by a layout, in order. For each entry the next segment is taken if it
 * matches; if it instead starts a later entry, this one is absent; otherwise it is unknown here,
 * set aside as unmapped, and the search goes on. Loops repeat while their first segment matches.
 */
export function readLayout(
  layout: readonly LayoutEntry[],
  segments: readonly X12Segment[],
): LayoutReadResult {
  const state: State = { segments, index: 0, unmapped: [] };
  const record = readSequence(layout, [], state);
  state.unmapped.push(...segments.slice(state.index));
  return { record, unmapped: state.unmapped };
}

function readSequence(
  entries: readonly LayoutEntry[],
  after: readonly LayoutEntry[],
  state: State,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  entries.forEach((entry, i) => {
    const later = [...entries.slice(i + 1), ...after];
    if (entry.kind === 'segment') {
      const found = findSegment(entry, later, state);
      if (found !== undefined) {
        assignFields(record, entry, found);
      }
      return;
    }
    const items: Record<string, unknown>[] = [];
    while (skipBetween(entry, state)) {
      items.push(readSequence(entry.entries, [entry, ...later], state));
    }
    if (items.length > 0) {
      record[entry.key] = items;
    }
  });
  return record;
}

/** Whether a loop item starts here, after setting aside a `between` segment that precedes it. */
function skipBetween(entry: GroupSpec, state: State): boolean {
  const s = state.segments[state.index];
  if (s === undefined) {
    return false;
  }
  const next = state.segments[state.index + 1];
  if (entry.between !== undefined && matchesSegment(entry.between, s) && next !== undefined) {
    if (startsEntry(entry, next)) {
      state.unmapped.push(s);
      state.index += 1;
      return true;
    }
  }
  return startsEntry(entry, s);
}

function findSegment(
  spec: SegmentSpec,
  later: readonly LayoutEntry[],
  state: State,
): X12Segment | undefined {
  for (let s = state.segments[state.index]; s !== undefined; s = state.segments[state.index]) {
    if (matchesSegment(spec, s)) {
      state.index += 1;
      return s;
    }
    if (later.some((e) => startsEntry(e, s))) {
      return undefined;
    }
    state.unmapped.push(s);
    state.index += 1;
  }
  return undefined;
}

function assignFields(record: Record<string, unknown>, spec: SegmentSpec, s: X12Segment): void {
  for (const [path, addresses] of Object.entries(spec.fields)) {
    const list: readonly Address[] = typeof addresses === 'string' ? [addresses] : addresses;
    const value = list.map((a) => valueAt(s, a)).find((v) => v !== '');
    if (value !== undefined) {
      setPath(record, path, value);
    }
  }
}
