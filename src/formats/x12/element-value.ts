import type { X12Segment } from './x12-types.ts';

/**
 * The trimmed value of element `element` (1-based, as in `NM1-09`) and component `component`
 * (1-based) of a segment, or `''` when absent.
 */
export function elementValue(segment: X12Segment, element: number, component = 1): string {
  return segment.elements[element - 1]?.[component - 1] ?? '';
}

/** `NM1-09`, `REF-04-2`: how issues and documentation name an element or a component. */
export function elementName(segmentId: string, element: number, component?: number): string {
  const base = `${segmentId}-${String(element).padStart(2, '0')}`;
  return component === undefined ? base : `${base}-${component}`;
}
