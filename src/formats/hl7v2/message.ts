import { Hl7Element } from './element.ts';
import { SEGMENT_TERMINATOR, type Encoding } from './encoding.ts';

/** Character sets the broker reads and writes (MSH-18: empty means UTF-8 here, ASCII being a subset). */
export type Hl7Charset = 'utf8' | 'latin1';

/**
 * One segment over its raw fields as received. `fields[0]` is the segment ID; for MSH,
 * `fields[1]` is MSH-2 (the separator itself is MSH-1), so MSH-n is `fields[n - 1]`.
 */
export class Hl7Segment {
  readonly name: string;
  readonly fields: readonly string[];
  readonly encoding: Encoding;

  constructor(fields: readonly string[], encoding: Encoding) {
    this.name = fields[0] ?? '';
    this.fields = fields;
    this.encoding = encoding;
  }

  /** Number of the last field present (`PID|1||X` has 3). */
  get fieldCount(): number {
    return this.name === 'MSH' ? this.fields.length : this.fields.length - 1;
  }

  /** Field `n`, 1-based: `PID-3` is `field(3)`; `MSH-1` is the field separator itself. */
  field(n: number): Hl7Element {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`HL7 field numbers start at 1, got ${n}`);
    }
    if (this.name === 'MSH' && n <= 2) {
      const raw = n === 1 ? this.encoding.field : (this.fields[1] ?? '');
      return new Hl7Element(raw, 'field', this.encoding, true);
    }
    const index = this.name === 'MSH' ? n - 1 : n;
    return new Hl7Element(this.fields[index] ?? '', 'field', this.encoding);
  }

  /** The segment in ER7, without its terminator. */
  toString(): string {
    return this.fields.join(this.encoding.field);
  }
}

/** A parsed or built ER7 message; `toString()` gives back the bytes it was parsed from. */
export class Hl7Message {
  readonly segments: readonly Hl7Segment[];
  readonly encoding: Encoding;
  readonly charset: Hl7Charset;
  /** Whether the last segment ended with a CR (well-formed messages do). */
  readonly terminated: boolean;

  constructor(
    segments: readonly Hl7Segment[],
    encoding: Encoding,
    options: { charset?: Hl7Charset; terminated?: boolean } = {},
  ) {
    this.segments = segments;
    this.encoding = encoding;
    this.charset = options.charset ?? 'utf8';
    this.terminated = options.terminated ?? true;
  }

  /** The MSH segment (always the first). */
  get header(): Hl7Segment {
    const msh = this.segments[0];
    if (msh?.name !== 'MSH') {
      throw new Error('HL7 message without MSH');
    }
    return msh;
  }

  /** The `occurrence`-th segment with this ID (1-based), or `undefined`. */
  segment(name: string, occurrence = 1): Hl7Segment | undefined {
    return this.segmentsNamed(name)[occurrence - 1];
  }

  segmentsNamed(name: string): Hl7Segment[] {
    return this.segments.filter((s) => s.name === name);
  }

  toString(): string {
    const body = this.segments.map((s) => s.toString()).join(SEGMENT_TERMINATOR);
    return this.terminated ? body + SEGMENT_TERMINATOR : body;
  }

  /** The message bytes in its character set. */
  toBuffer(): Buffer {
    return Buffer.from(this.toString(), this.charset);
  }
}
