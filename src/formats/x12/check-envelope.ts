import { elementName, elementValue } from './element-value.ts';
import type { X12Group, X12Issue, X12Segment, X12TransactionSet } from './x12-types.ts';

/**
 * How SE-01 (segment count) is checked. `x12`: ST through SE inclusive, as X12 defines it.
 * `x12-or-susalud` also accepts one more: SUSALUD's own library counts from ISA to the segment
 * before SE (ISA and GS in, SE out), so every string it builds is one higher (see README).
 */
export type SeCountRule = 'x12' | 'x12-or-susalud';

interface Cursor {
  readonly segments: readonly X12Segment[];
  index: number;
  readonly issues: X12Issue[];
  readonly seCount: SeCountRule;
}

/**
 * Walks ISA, GS … (ST … SE)* … GE, IEA; checks every control number and count, and collects
 * every problem (segment, position, element) instead of stopping at the first.
 */
export function checkEnvelope(
  segments: readonly X12Segment[],
  seCount: SeCountRule,
): { groups: X12Group[]; iea: X12Segment | undefined; issues: X12Issue[] } {
  const cursor: Cursor = { segments, index: 1, issues: [], seCount };
  const isa = segments[0];
  const groups: X12Group[] = [];
  while (peek(cursor)?.id === 'GS') {
    groups.push(readGroup(cursor));
  }
  const iea = peek(cursor);
  if (iea?.id !== 'IEA') {
    unexpected(cursor, iea, 'IEA');
    return { groups, iea: undefined, issues: cursor.issues };
  }
  cursor.index += 1;
  if (isa !== undefined) {
    checkIea(cursor, isa, iea, groups.length);
  }
  for (const extra of segments.slice(cursor.index)) {
    cursor.issues.push({ segment: extra.id, position: extra.position, problem: 'after IEA' });
  }
  return { groups, iea, issues: cursor.issues };
}

function peek(cursor: Cursor): X12Segment | undefined {
  return cursor.segments[cursor.index];
}

function unexpected(cursor: Cursor, found: X12Segment | undefined, expected: string): void {
  const last = cursor.segments[cursor.segments.length - 1];
  cursor.issues.push(
    found === undefined
      ? {
          segment: expected,
          position: (last?.position ?? 0) + 1,
          problem: `missing ${expected}: the interchange ends early`,
        }
      : { segment: found.id, position: found.position, problem: `expected ${expected} here` },
  );
}

function readGroup(cursor: Cursor): X12Group {
  const gs = peek(cursor) as X12Segment;
  cursor.index += 1;
  const transactions: X12TransactionSet[] = [];
  for (let next = peek(cursor); next !== undefined && next.id !== 'GE'; next = peek(cursor)) {
    if (next.id === 'GS' || next.id === 'IEA') {
      break;
    }
    if (next.id !== 'ST') {
      unexpected(cursor, next, 'ST');
      cursor.index += 1;
      continue;
    }
    transactions.push(readTransaction(cursor));
  }
  const ge = peek(cursor);
  if (ge?.id !== 'GE') {
    unexpected(cursor, ge, 'GE');
    return { gs, transactions, ge: gs };
  }
  cursor.index += 1;
  checkCount(cursor, ge, 1, transactions.length, 'transaction sets');
  checkControl(cursor, ge, 2, elementValue(gs, 6), 'GS-06');
  return { gs, transactions, ge };
}

function readTransaction(cursor: Cursor): X12TransactionSet {
  const st = peek(cursor) as X12Segment;
  cursor.index += 1;
  const body: X12Segment[] = [];
  for (let next = peek(cursor); next !== undefined; next = peek(cursor)) {
    if (['SE', 'ST', 'GE', 'GS', 'IEA'].includes(next.id)) {
      break;
    }
    body.push(next);
    cursor.index += 1;
  }
  const se = peek(cursor);
  if (se?.id !== 'SE') {
    unexpected(cursor, se, 'SE');
    return { st, body, se: st };
  }
  cursor.index += 1;
  checkSeCount(cursor, se, body.length + 2);
  checkControl(cursor, se, 2, elementValue(st, 2), 'ST-02');
  return { st, body, se };
}

function checkSeCount(cursor: Cursor, se: X12Segment, expected: number): void {
  const declared = Number(elementValue(se, 1));
  const susalud = cursor.seCount === 'x12-or-susalud' && declared === expected + 1;
  if (declared !== expected && !susalud) {
    cursor.issues.push({
      segment: 'SE',
      position: se.position,
      element: 'SE-01',
      problem: `segment count "${elementValue(se, 1)}" but the transaction set has ${expected} (ST to SE)`,
    });
  }
}

function checkCount(
  cursor: Cursor,
  segment: X12Segment,
  element: number,
  actual: number,
  what: string,
): void {
  const value = elementValue(segment, element);
  if (!/^\d+$/.test(value) || Number(value) !== actual) {
    cursor.issues.push({
      segment: segment.id,
      position: segment.position,
      element: elementName(segment.id, element),
      problem: `count "${value}" but there are ${actual} ${what}`,
    });
  }
}

function checkControl(
  cursor: Cursor,
  closing: X12Segment,
  element: number,
  opening: string,
  openingName: string,
): void {
  const value = elementValue(closing, element);
  if (!sameControlNumber(value, opening)) {
    cursor.issues.push({
      segment: closing.id,
      position: closing.position,
      element: elementName(closing.id, element),
      problem: `control number "${value}" does not match ${openingName} "${opening}"`,
    });
  }
}

function checkIea(cursor: Cursor, isa: X12Segment, iea: X12Segment, groups: number): void {
  checkCount(cursor, iea, 1, groups, 'functional groups');
  checkControl(cursor, iea, 2, elementValue(isa, 13), 'ISA-13');
}

/** Control numbers compare as numbers when both are digits (SUSALUD zero-pads them). */
function sameControlNumber(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return BigInt(a) === BigInt(b);
  }
  return a !== '' && a === b;
}
