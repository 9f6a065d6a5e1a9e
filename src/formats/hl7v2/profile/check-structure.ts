import type { Hl7Location } from '../hl7-location.ts';
import type { Hl7Problem } from '../hl7-problem.ts';
import { segmentsOf, type MessageProfile, type StructureItem } from './profile-types.ts';
import { problem } from './problems.ts';

/** A segment of the message as the matcher sees it: its ID and where it is. */
interface Placed {
  readonly name: string;
  readonly at: Hl7Location;
}

/**
 * Matches the message's segment sequence against the profile's structure (segments and groups
 * with min/max), greedily as HL7 receivers do. Reports, all at once: segments the structure does
 * not have at all, each required segment or group missing (at the segment that stood there), and
 * segments left over because they are out of order or repeated too often.
 */
export function checkStructure(profile: MessageProfile, names: readonly string[]): Hl7Problem[] {
  const known = new Set(segmentsOf(profile.segments));
  const seen = new Map<string, number>();
  const placed: Placed[] = names.map((name) => {
    const occurrence = (seen.get(name) ?? 0) + 1;
    seen.set(name, occurrence);
    return { name, at: { segment: name, occurrence } };
  });
  const problems = placed
    .filter((p) => !known.has(p.name))
    .map((p) => problem.unexpectedSegment(p.at, profile.structure));
  let candidates = placed.filter((p) => known.has(p.name));
  // A segment left over stops the greedy match: report it, take it out, and match again, so
  // that one misplaced segment does not make every later one look misplaced too.
  for (let round = 0; round < MAX_LEFTOVERS; round += 1) {
    const state: MatchState = { pos: 0, problems: [], list: candidates, seen: new Map() };
    matchItems(profile.segments, state);
    const left = candidates[state.pos];
    if (left === undefined) {
      return [...problems, ...state.problems];
    }
    problems.push(problem.misplacedSegment(left.at, profile.structure));
    candidates = candidates.filter((c) => c !== left);
  }
  return problems;
}

/** Misplaced segments reported before giving up (each costs one more matching pass). */
const MAX_LEFTOVERS = 20;

interface MatchState {
  pos: number;
  readonly list: readonly Placed[];
  readonly problems: Hl7Problem[];
  /** Occurrences matched so far per segment ID, to locate a missing one. */
  readonly seen: Map<string, number>;
}

function matchItems(items: readonly StructureItem[], s: MatchState): void {
  for (const item of items) {
    const max = item.max === '*' ? Infinity : item.max;
    let count = 0;
    while (count < max && startsWith(item, s.list[s.pos]?.name)) {
      matchOne(item, s);
      count += 1;
    }
    if (count < item.min) {
      s.problems.push(missing(item, s));
    }
  }
}

function matchOne(item: StructureItem, s: MatchState): void {
  if ('segment' in item) {
    s.seen.set(item.segment, (s.seen.get(item.segment) ?? 0) + 1);
    s.pos += 1;
  } else {
    matchItems(item.items, s);
  }
}

/** Whether a segment ID can begin this item (a group begins with any of its leading optional items' segments). */
function startsWith(item: StructureItem, name: string | undefined): boolean {
  if (name === undefined) {
    return false;
  }
  if ('segment' in item) {
    return item.segment === name;
  }
  for (const child of item.items) {
    if (startsWith(child, name)) {
      return true;
    }
    if (child.min > 0) {
      return false;
    }
  }
  return false;
}

function missing(item: StructureItem, s: MatchState): Hl7Problem {
  const first = firstRequired(item);
  const what =
    'segment' in item ? `el segmento ${item.segment}` : `el grupo ${item.group} (${first})`;
  const at = { segment: first, occurrence: (s.seen.get(first) ?? 0) + 1 };
  return problem.missingSegment(at, what);
}

function firstRequired(item: StructureItem): string {
  if ('segment' in item) {
    return item.segment;
  }
  const req = item.items.find((i) => i.min > 0) ?? item.items[0];
  return req === undefined ? item.group : firstRequired(req);
}
