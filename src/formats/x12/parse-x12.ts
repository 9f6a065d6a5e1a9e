import { checkEnvelope, type SeCountRule } from './check-envelope.ts';
import { elementName, elementValue } from './element-value.ts';
import { readSeparators } from './read-separators.ts';
import { splitSegments } from './split-segments.ts';
import type { X12Interchange, X12Issue, X12Segment } from './x12-types.ts';

export interface ParseX12Options {
  /** Largest input in UTF-16 code units; longer input is refused before splitting. */
  readonly maxLength?: number;
  /** Most segments accepted. */
  readonly maxSegments?: number;
  /** How SE-01 is checked (default `x12-or-susalud`, see `checkEnvelope`). */
  readonly seCount?: SeCountRule;
}

export type ParseX12Result =
  | { readonly ok: true; readonly interchange: X12Interchange }
  | { readonly ok: false; readonly issues: readonly X12Issue[] };

const DEFAULTS = { maxLength: 1_048_576, maxSegments: 10_000, seCount: 'x12-or-susalud' } as const;
const ISA_ELEMENTS = 16;

/**
 * Parses an X12 interchange as SITEDS writes it: delimiters from ISA, padded or unpadded
 * elements (every component trimmed), envelope ISA/GS/ST…SE/GE/IEA with control numbers and
 * counts checked. Every problem found is returned, each naming segment, position and element.
 */
export function parseX12(text: string, options: ParseX12Options = {}): ParseX12Result {
  const limits = { ...DEFAULTS, ...options };
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.length > limits.maxLength) {
    return fail(
      'ISA',
      1,
      `${trimmed.length} characters, more than the limit of ${limits.maxLength}`,
    );
  }
  const separators = readSeparators(trimmed);
  if (typeof separators === 'string') {
    return fail('ISA', 1, separators);
  }
  const split = splitSegments(trimmed, separators);
  if (split.segments.length > limits.maxSegments) {
    return fail('ISA', 1, `more than ${limits.maxSegments} segments`);
  }
  const isa = split.segments[0] as X12Segment;
  const envelope = checkEnvelope(split.segments, limits.seCount);
  const issues = [...split.issues, ...checkIsa(isa), ...envelope.issues];
  if (issues.length > 0 || envelope.iea === undefined) {
    return { ok: false, issues };
  }
  return { ok: true, interchange: { separators, isa, groups: envelope.groups, iea: envelope.iea } };
}

function fail(segment: string, position: number, problem: string): ParseX12Result {
  return { ok: false, issues: [{ segment, position, problem }] };
}

function checkIsa(isa: X12Segment): X12Issue[] {
  const issues: X12Issue[] = [];
  const at = (element: number, problem: string): void => {
    issues.push({ segment: 'ISA', position: 1, element: elementName('ISA', element), problem });
  };
  if (isa.elements.length !== ISA_ELEMENTS) {
    at(ISA_ELEMENTS, `ISA has ${isa.elements.length} elements; it must have ${ISA_ELEMENTS}`);
  }
  if (elementValue(isa, 6) === '') {
    at(6, 'interchange sender id is empty');
  }
  if (elementValue(isa, 8) === '') {
    at(8, 'interchange receiver id is empty');
  }
  if (!/^\d{1,9}$/.test(elementValue(isa, 13))) {
    at(13, `interchange control number "${elementValue(isa, 13)}" is not 1 to 9 digits`);
  }
  return issues;
}
