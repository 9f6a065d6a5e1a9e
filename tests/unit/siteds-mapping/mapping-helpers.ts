import { loadMappings, type MappingSet } from '../../../src/mapping/load-mappings.ts';
import type { MappingIssue } from '../../../src/mapping/mapping-issue.ts';

let mappings: MappingSet | undefined;

/** The project's mappings/, loaded and checked once per test file. */
export function projectMappings(): MappingSet {
  mappings ??= loadMappings();
  return mappings;
}

/** Every string leaf of a model by its concrete path (`coverages[1].fixedCopay`). */
export function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (v: unknown, at: string): void => {
    if (typeof v === 'string') {
      out.set(at, v);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        visit(x, `${at}[${i}]`);
      });
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        visit(x, at === '' ? k : `${at}.${k}`);
      }
    }
  };
  visit(value, prefix);
  return out;
}

/** `coverages[1].fixedCopay` → `coverages[].fixedCopay`. */
export function patternOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** The fields a round trip lost, as patterns, sorted and unique. */
export function lostFields(
  before: unknown,
  after: unknown,
  sameNumber: readonly string[] = [],
): string[] {
  const a = leaves(before);
  const b = leaves(after);
  const lost = new Set<string>();
  for (const [path, value] of a) {
    const back = b.get(path);
    const numeric = sameNumber.includes(patternOf(path)) && Number(back) === Number(value);
    if (back !== value && !numeric) {
      lost.add(patternOf(path));
    }
  }
  return [...lost].sort();
}

/** The paths of the `unmapped` issues, as patterns, sorted and unique. */
export function unmappedPatterns(issues: readonly MappingIssue[]): string[] {
  return [
    ...new Set(issues.filter((i) => i.kind === 'unmapped').map((i) => patternOf(i.path))),
  ].sort();
}

/** Replaces each distinct `urn:uuid:…` by `urn:uuid:<n>` in order of appearance. */
export function withStableUuids(value: unknown): unknown {
  const seen = new Map<string, string>();
  return JSON.parse(
    JSON.stringify(value).replace(/urn:uuid:[0-9a-f-]{36}/g, (u) => {
      const known = seen.get(u);
      if (known !== undefined) {
        return known;
      }
      const next = `urn:uuid:${seen.size}`;
      seen.set(u, next);
      return next;
    }),
  ) as unknown;
}

/** The envelope fields every SITEDS model carries; a mapped message gets a new envelope. */
export const ENVELOPE = [
  'senderId',
  'receiverId',
  'interchangeControlNumber',
  'groupControlNumber',
  'transactionControlNumber',
  'transactionSetId',
  'purpose',
  'usage',
];
