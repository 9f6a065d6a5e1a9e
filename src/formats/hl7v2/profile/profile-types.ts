/** HL7 v2 conformance data as loaded from `profiles/hl7v2/` (see its README). */

/** A profile file is unusable: start-up stops, naming the file and every problem in it. */
export class Hl7ProfileError extends Error {
  readonly file: string;
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.file = file;
    this.problems = problems;
    this.name = 'Hl7ProfileError';
  }
}

/** Every segment ID a structure can hold, groups included. */
export function segmentsOf(items: readonly StructureItem[]): string[] {
  return items.flatMap((i) => ('segment' in i ? [i.segment] : segmentsOf(i.items)));
}

/** R required, O optional, C conditional, B backward compatible, W withdrawn, X not supported. */
export type Usage = 'R' | 'O' | 'C' | 'B' | 'W' | 'X';

export interface FieldDef {
  readonly seq: number;
  readonly name: string;
  readonly type: string;
  readonly usage: Usage;
  /** Largest number of repetitions (`'*'`: unbounded). */
  readonly max: number | '*';
  /** Largest length of one repetition, in characters as sent. */
  readonly length?: number;
  readonly table?: string;
}

export interface SegmentDef {
  readonly name: string;
  readonly fields: readonly FieldDef[];
}

export interface ComponentDef {
  readonly name: string;
  readonly type: string;
  readonly usage?: 'R';
  readonly length?: number;
  readonly table?: string;
}

export interface TableDef {
  readonly name: string;
  readonly values: Readonly<Record<string, string>>;
}

/** A segment or a group in a message structure, with its cardinality. */
export type StructureItem =
  | { readonly segment: string; readonly min: number; readonly max: number | '*' }
  | {
      readonly group: string;
      readonly min: number;
      readonly max: number | '*';
      readonly items: readonly StructureItem[];
    };

export interface MessageProfile {
  readonly file: string;
  readonly messageType: string;
  /** Trigger event, or `*` for any (ACK). */
  readonly event: string;
  readonly structure: string;
  readonly version: string;
  readonly segments: readonly StructureItem[];
}

/** Everything the checker needs, loaded and cross-checked once at start. */
export interface Hl7Profiles {
  readonly version: string;
  readonly segments: ReadonlyMap<string, SegmentDef>;
  readonly primitives: ReadonlySet<string>;
  readonly composites: ReadonlyMap<string, readonly ComponentDef[]>;
  readonly tables: ReadonlyMap<string, TableDef>;
  readonly messages: readonly MessageProfile[];
}
