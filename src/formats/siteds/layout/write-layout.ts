import type { X12SegmentData } from '../../x12/x12-types.ts';
import { getPath, parseAddress, setAt } from './address.ts';
import type { Address, LayoutEntry, SegmentSpec } from './layout-types.ts';

/**
 * Writes a model as body segments by a layout. A segment is written when it is a loop anchor
 * (`always`), starts a loop item, or has at least one non-empty field; constants from `match`
 * (its first value) and `emit` are filled in.
 */
export function writeLayout(layout: readonly LayoutEntry[], model: unknown): X12SegmentData[] {
  return layout.flatMap((entry) => {
    if (entry.kind === 'segment') {
      return writeSegment(entry, model, entry.always);
    }
    const items = (model as Record<string, unknown> | null)?.[entry.key];
    return (Array.isArray(items) ? items : []).flatMap((item) =>
      entry.entries.flatMap((spec, i) => writeSegment(spec, item, spec.always || i === 0)),
    );
  });
}

function writeSegment(spec: SegmentSpec, model: unknown, always: boolean): X12SegmentData[] {
  const fields = Object.entries(spec.fields).map(
    ([path, addresses]) => [getPath(model, path), addresses] as const,
  );
  if (!always && fields.every(([value]) => value === '')) {
    return [];
  }
  const elements: string[][] = [];
  for (const [address, value] of Object.entries(spec.match) as [Address, string | string[]][]) {
    setAt(elements, address, typeof value === 'string' ? value : (value[0] ?? ''));
  }
  for (const [address, value] of Object.entries(spec.emit) as [Address, string][]) {
    setAt(elements, address, value);
  }
  for (const [value, addresses] of fields) {
    for (const address of typeof addresses === 'string' ? [addresses] : addresses) {
      setAt(elements, address, value);
    }
  }
  const pairs = Object.entries(spec.emitWhen) as [Address, readonly [string, Address]][];
  for (const [address, [value, qualified]] of pairs) {
    if (valueIn(elements, qualified) !== '') {
      setAt(elements, address, value);
    }
  }
  return [{ id: spec.id, elements }];
}

function valueIn(elements: readonly (readonly string[])[], address: Address): string {
  const [element, component] = parseAddress(address);
  return elements[element - 1]?.[component - 1] ?? '';
}
