import type { X12Segment } from '../../x12/x12-types.ts';
import type { Address } from './layout-types.ts';

/** `'04-2'` → `[4, 2]`; `'03'` → `[3, 1]`. */
export function parseAddress(address: Address): readonly [number, number] {
  const [element = '0', component = '1'] = address.split('-');
  return [Number(element), Number(component)];
}

/** The trimmed value at `address` in a read segment, `''` when absent. */
export function valueAt(segment: X12Segment, address: Address): string {
  const [element, component] = parseAddress(address);
  return segment.elements[element - 1]?.[component - 1] ?? '';
}

/** Sets `value` at `address` in elements being built (arrays grow as needed). */
export function setAt(elements: string[][], address: Address, value: string): void {
  const [element, component] = parseAddress(address);
  while (elements.length < element) {
    elements.push(['']);
  }
  const components = elements[element - 1] as string[];
  while (components.length < component) {
    components.push('');
  }
  components[component - 1] = value;
}

/** `patient.surname` → the value, if it is a string. */
export function getPath(record: unknown, path: string): string {
  let current: unknown = record;
  for (const key of path.split('.')) {
    current = typeof current === 'object' && current !== null ? (current as never)[key] : undefined;
  }
  return typeof current === 'string' ? current : '';
}

/** Sets `patient.surname` in a plain record, creating the nested object. */
export function setPath(record: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.');
  let current = record;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    current = (typeof next === 'object' && next !== null ? next : (current[key] = {})) as Record<
      string,
      unknown
    >;
  }
  current[keys[keys.length - 1] ?? ''] = value;
}
