/**
 * A transaction layout: the ordered segments of a SITEDS transaction body (BHT onwards) and
 * which model field each element carries. One table drives reading, writing and the README.
 */

/** Where in a segment: element `'03'`, or element and component `'04-2'` (both 1-based). */
export type Address = `${number}` | `${number}-${number}`;

export interface SegmentSpec {
  readonly kind: 'segment';
  readonly id: string;
  /** Constants written, and required when reading (a list: any of them; the first is written). */
  readonly match: Readonly<Partial<Record<Address, string | readonly string[]>>>;
  /** When reading, a segment with any of these values is not this one. */
  readonly unless: Readonly<Partial<Record<Address, string>>>;
  /** Constants written but not required when reading. */
  readonly emit: Readonly<Partial<Record<Address, string>>>;
  /**
   * Qualifiers written only when the element they qualify has a value (X12 pairs such as
   * NM1-08/NM1-09: one without the other breaks X12's syntax rule). Not required when reading.
   */
  readonly emitWhen: Readonly<Partial<Record<Address, readonly [string, Address]>>>;
  /** Model field path (`patient.surname`) → address(es); several: all written, first non-empty read. */
  readonly fields: Readonly<Record<string, Address | readonly Address[]>>;
  /** Written even when every field is empty (loop anchors: HL, party NM1). */
  readonly always: boolean;
}

/** A repeating loop: the model field holding the list, and the segments of one item. */
export interface GroupSpec {
  readonly kind: 'group';
  readonly key: string;
  readonly entries: readonly SegmentSpec[];
  /** A segment some senders repeat before each item (read past and reported as unmapped). */
  readonly between?: SegmentSpec;
}

export type LayoutEntry = SegmentSpec | GroupSpec;

type StringKeys<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends string ? K : never;
}[keyof T & string];
type ObjectKeys<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends string | readonly unknown[] ? never : K;
}[keyof T & string];

/** A field path of a model: a string property, or one level into a nested object. */
export type FieldPath<T> =
  StringKeys<T> | { [K in ObjectKeys<T>]: `${K}.${StringKeys<NonNullable<T[K]>>}` }[ObjectKeys<T>];

/** The properties of a model that hold lists (repeating loops). */
export type ListKeys<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never;
}[keyof T & string];

export type ItemOf<T, K extends keyof T> =
  NonNullable<T[K]> extends readonly (infer I)[] ? I : never;
