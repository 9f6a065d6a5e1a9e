import type { X12Issue, X12Segment, X12Separators } from './x12-types.ts';

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/**
 * Splits an interchange into segments: on the segment terminator, dropping line breaks between
 * segments; each element split on the component separator and every component trimmed, so padded
 * and unpadded senders read the same. ISA is never split into components (ISA-16 *is* the
 * component separator). Bad segment ids are reported, not dropped.
 */
export function splitSegments(
  text: string,
  separators: X12Separators,
): { segments: X12Segment[]; issues: X12Issue[] } {
  const segments: X12Segment[] = [];
  const issues: X12Issue[] = [];
  const pieces = text.split(separators.segment);
  for (const piece of pieces) {
    const raw = piece.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
    if (raw.trim() === '') {
      continue;
    }
    const position = segments.length + 1;
    const [first = '', ...rest] = raw.split(separators.element);
    const id = first.trim();
    if (!SEGMENT_ID.test(id)) {
      issues.push({ segment: id.slice(0, 8), position, problem: `invalid segment id "${id}"` });
    }
    const elements =
      id === 'ISA'
        ? rest.map((e) => [e.trim()])
        : rest.map((e) => e.split(separators.component).map((c) => c.trim()));
    segments.push({ id, elements, position });
  }
  return { segments, issues };
}
