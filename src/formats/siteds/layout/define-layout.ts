import type {
  Address,
  FieldPath,
  GroupSpec,
  ItemOf,
  ListKeys,
  SegmentSpec,
} from './layout-types.ts';

export interface SegmentOptions<M> {
  readonly match?: SegmentSpec['match'];
  readonly unless?: SegmentSpec['unless'];
  readonly emit?: SegmentSpec['emit'];
  readonly emitWhen?: SegmentSpec['emitWhen'];
  readonly fields?: Readonly<Partial<Record<FieldPath<M>, Address | readonly Address[]>>>;
  readonly always?: boolean;
}

/** One segment of a layout, its field paths checked against the model `M` at compile time. */
export function segment<M>(id: string, options: SegmentOptions<M> = {}): SegmentSpec {
  return {
    kind: 'segment',
    id,
    match: options.match ?? {},
    unless: options.unless ?? {},
    emit: options.emit ?? {},
    emitWhen: options.emitWhen ?? {},
    fields: (options.fields ?? {}) as SegmentSpec['fields'],
    always: options.always ?? false,
  };
}

/**
 * A repeating loop stored in the list property `key` of `M`; `build` receives a `segment`
 * builder typed for one item of the list.
 */
export function group<M, K extends ListKeys<M>>(
  key: K,
  build: (
    item: (id: string, options?: SegmentOptions<ItemOf<M, K>>) => SegmentSpec,
  ) => readonly SegmentSpec[],
  between?: SegmentSpec,
): GroupSpec {
  const entries = build((id, options) => segment(id, options));
  return between === undefined
    ? { kind: 'group', key, entries }
    : { kind: 'group', key, entries, between };
}
