/** The four delimiters of an interchange, read from its ISA segment. */
export interface X12Separators {
  /** Element separator: the 4th character of the interchange (`*` in SITEDS). */
  readonly element: string;
  /** Segment terminator: the character after ISA-16 (`~` in SITEDS). */
  readonly segment: string;
  /** Component (sub-element) separator: ISA-16 (`:` in SITEDS). */
  readonly component: string;
  /** Repetition separator: ISA-11 (`|` in SITEDS); kept literally inside element values. */
  readonly repetition: string;
}

/** SITEDS's delimiters (domain.md §1.2), used when serializing unless told otherwise. */
export const SITEDS_SEPARATORS: X12Separators = {
  element: '*',
  segment: '~',
  component: ':',
  repetition: '|',
};

/**
 * One segment as read: its id and its elements, each split into trimmed components.
 * `elements[0]` is element 01; `position` is 1-based within the interchange (ISA is 1).
 */
export interface X12Segment {
  readonly id: string;
  readonly elements: readonly (readonly string[])[];
  readonly position: number;
}

/** One transaction set: its ST, the segments between ST and SE, and its SE. */
export interface X12TransactionSet {
  readonly st: X12Segment;
  readonly body: readonly X12Segment[];
  readonly se: X12Segment;
}

/** One functional group (GS … GE). */
export interface X12Group {
  readonly gs: X12Segment;
  readonly transactions: readonly X12TransactionSet[];
  readonly ge: X12Segment;
}

/** A whole interchange (ISA … IEA) with its envelope checked. */
export interface X12Interchange {
  readonly separators: X12Separators;
  readonly isa: X12Segment;
  readonly groups: readonly X12Group[];
  readonly iea: X12Segment;
}

/**
 * One problem, located: segment id and 1-based position, the element (`SE-01`, `REF-04-2`)
 * when one is at fault, and what is wrong.
 */
export interface X12Issue {
  readonly segment: string;
  readonly position: number;
  readonly element?: string;
  readonly problem: string;
}

/** A segment to write: id and elements; an element is a value or its components. */
export interface X12SegmentData {
  readonly id: string;
  readonly elements: readonly (string | readonly string[])[];
}
