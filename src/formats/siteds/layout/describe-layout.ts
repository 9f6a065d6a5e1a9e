import type { Address, LayoutEntry, SegmentSpec } from './layout-types.ts';

/** One documented field: where it travels and the model path that holds it. */
export interface FieldRow {
  /** Segment with its qualifier as SITEDS writers show it: `NM1*PR`, `REF*D7 (04-1 ZZ)`, `EB`. */
  readonly segment: string;
  /** Element or component: `NM1-09`, `REF-04-2`. */
  readonly element: string;
  /** Model path; items of a loop as `coverages[].fixedCopay`. */
  readonly path: string;
}

/** Every mapped field of a layout, in segment order (drives the README tables and issue locations). */
export function describeLayout(layout: readonly LayoutEntry[]): FieldRow[] {
  return layout.flatMap((entry) =>
    entry.kind === 'segment'
      ? rowsOf(entry, '')
      : entry.entries.flatMap((spec) => rowsOf(spec, `${entry.key}[].`)),
  );
}

function rowsOf(spec: SegmentSpec, prefix: string): FieldRow[] {
  const label = segmentLabel(spec);
  return Object.entries(spec.fields).flatMap(([path, addresses]) =>
    (typeof addresses === 'string' ? [addresses] : addresses).map((address) => ({
      segment: label,
      element: `${spec.id}-${address}`,
      path: `${prefix}${path}`,
    })),
  );
}

function segmentLabel(spec: SegmentSpec): string {
  const first = spec.match['01' as Address];
  const qualifier = typeof first === 'string' ? first : first?.join('/');
  const others = Object.entries(spec.match)
    .filter(([address]) => address !== '01')
    .map(([address, v]) => `${address} ${typeof v === 'string' ? v : (v ?? []).join('/')}`);
  const base = qualifier === undefined ? spec.id : `${spec.id}*${qualifier}`;
  return others.length === 0 ? base : `${base} (${others.join(', ')})`;
}

/** Where a model path travels (`NM1*PR NM1-09`), for issue locations; header paths are not in layouts. */
export function locateField(layout: readonly LayoutEntry[], path: string): string | undefined {
  const generic = path.replace(/\[\d+\]/g, '[]');
  const row = describeLayout(layout).find((r) => r.path === generic);
  return row === undefined ? undefined : `${row.segment} ${row.element}`;
}
