import type { ElementWidths } from './element-widths.ts';
import { SITEDS_SEPARATORS, type X12SegmentData, type X12Separators } from './x12-types.ts';

export interface SerializeX12Options {
  readonly separators?: X12Separators;
  /** Pad ISA to its fixed widths (ISA-06/08 to 15, ISA-13 to 9 digits …). Default true. */
  readonly padIsa?: boolean;
  /** Pad every element to its width, as SUSALUD's library does; omit for unpadded output. */
  readonly widths?: ElementWidths;
  /** Write a line break after each segment terminator (for people; SITEDS sends none). */
  readonly lineBreaks?: boolean;
}

/** ISA element widths (X12 fixed-length ISA); numeric ones are zero-filled on the left. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
const ISA_NUMERIC = new Set([13]);

/**
 * Writes segments as an X12 string. Unpadded: trailing empty elements and components dropped.
 * With `widths`, every element the table knows is written and padded (spaces on the right;
 * numeric ones zeros on the left); a value longer than its width is written whole, never cut.
 */
export function serializeX12(
  segments: readonly X12SegmentData[],
  options: SerializeX12Options = {},
): string {
  const separators = options.separators ?? SITEDS_SEPARATORS;
  const end = separators.segment + (options.lineBreaks === true ? '\n' : '');
  return segments.map((s) => writeSegment(s, separators, options) + end).join('');
}

function writeSegment(
  segment: X12SegmentData,
  separators: X12Separators,
  options: SerializeX12Options,
): string {
  const values = segment.elements.map((e) => (typeof e === 'string' ? [e] : [...e]));
  if (segment.id === 'ISA') {
    return writeIsa(values, separators, options.padIsa !== false);
  }
  const spec = options.widths?.[segment.id];
  const padded = spec === undefined ? values : padElements(values, spec);
  const elements = padded.map((components) =>
    dropTrailingEmpty(components).join(separators.component),
  );
  return [segment.id, ...(spec === undefined ? dropTrailingEmpty(elements) : elements)].join(
    separators.element,
  );
}

function writeIsa(values: string[][], separators: X12Separators, pad: boolean): string {
  const elements = ISA_WIDTHS.map((width, i) => {
    const value = values[i]?.[0] ?? '';
    if (i === 10) {
      return separators.repetition || value;
    }
    if (i === 15) {
      return separators.component;
    }
    if (!pad) {
      return value;
    }
    return ISA_NUMERIC.has(i + 1) ? value.padStart(width, '0') : value.padEnd(width, ' ');
  });
  return ['ISA', ...elements].join(separators.element);
}

function padElements(values: readonly string[][], spec: ElementWidths[string]): string[][] {
  const count = Math.max(values.length, spec.widths.length);
  return Array.from({ length: count }, (_, i) => {
    const components = values[i] ?? [''];
    const width = spec.widths[i];
    if (width === undefined || components.length > 1) {
      return components;
    }
    const value = components[0] ?? '';
    const numeric = spec.numeric?.includes(i + 1) === true;
    return [numeric && value !== '' ? value.padStart(width, '0') : value.padEnd(width, ' ')];
  });
}

function dropTrailingEmpty(values: readonly string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') {
    end -= 1;
  }
  return values.slice(0, end);
}
