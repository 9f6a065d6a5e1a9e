import type { X12Separators } from './x12-types.ts';

/** ISA has 16 elements; the component separator is ISA-16, the segment terminator follows it. */
const ISA_ELEMENT_COUNT = 16;

/**
 * Reads the delimiters from the ISA segment at the start of `text`: element separator at index 3,
 * then ISA-16 (component) and the character right after it (segment terminator), and ISA-11
 * (repetition). Works on padded (fixed-width, 106 characters) and unpadded ISA alike, since it
 * counts element separators instead of using fixed offsets. Returns a problem text on failure.
 */
export function readSeparators(text: string): X12Separators | string {
  if (!text.startsWith('ISA')) {
    return 'the interchange does not start with an ISA segment';
  }
  const element = text.charAt(3);
  if (element === '' || /[A-Za-z0-9\s]/.test(element)) {
    return 'ISA has no usable element separator at its 4th character';
  }
  let index = 3;
  let isa11Start = -1;
  for (let count = 1; count < ISA_ELEMENT_COUNT; count += 1) {
    index = text.indexOf(element, index + 1);
    if (index < 0) {
      return `ISA ends after ${count} elements; it needs ${ISA_ELEMENT_COUNT}`;
    }
    if (count === 10) {
      isa11Start = index + 1;
    }
  }
  const component = text.charAt(index + 1);
  const segment = text.charAt(index + 2);
  const repetition = text.slice(isa11Start, text.indexOf(element, isa11Start)).trim();
  return checkDistinct({ element, segment, component, repetition });
}

function checkDistinct(s: X12Separators): X12Separators | string {
  const used = [s.element, s.segment, s.component];
  if (used.some((c) => c === '' || /[A-Za-z0-9 ]/.test(c))) {
    return 'ISA-16 and the segment terminator must be delimiter characters';
  }
  if (new Set(used).size !== used.length) {
    return 'element, component and segment separators must differ';
  }
  const repetitionUsable = s.repetition.length === 1 && !/[A-Za-z0-9]/.test(s.repetition);
  return repetitionUsable ? s : { ...s, repetition: '' };
}
