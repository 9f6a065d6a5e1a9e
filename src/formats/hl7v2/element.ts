import type { Encoding } from './encoding.ts';
import { unescapeHl7 } from './escape.ts';

/** The levels of an ER7 field: a field holds repetitions, components, then sub-components. */
export type ElementLevel = 'field' | 'repetition' | 'component' | 'subComponent';

const CHILD: Record<ElementLevel, ElementLevel | undefined> = {
  field: 'repetition',
  repetition: 'component',
  component: 'subComponent',
  subComponent: undefined,
};

/**
 * A field, repetition, component or sub-component of a parsed message, over its raw (escaped)
 * ER7 text. Accessors are 1-based as in HL7 (`PID-3.4.2` is `field(3).component(4).subComponent(2)`);
 * asking past the end gives an empty element, since HL7 treats a missing value as empty.
 * `field(n).component(c)` reads the first repetition.
 */
export class Hl7Element {
  readonly raw: string;
  readonly level: ElementLevel;
  readonly #enc: Encoding;
  /** Set for MSH-1 and MSH-2, whose text holds delimiters and is never split. */
  readonly #atomic: boolean;
  #children: readonly Hl7Element[] | undefined;

  constructor(raw: string, level: ElementLevel, enc: Encoding, atomic = false) {
    this.raw = raw;
    this.level = level;
    this.#enc = enc;
    this.#atomic = atomic;
  }

  /** The plain text of the first leaf (`PID-5` → the family name), unescaped. */
  get value(): string {
    if (this.#atomic) {
      return this.raw;
    }
    const leaf = this.level === 'subComponent' ? this : this.#first('subComponent');
    return unescapeHl7(leaf.raw, this.#enc);
  }

  /** Nothing was sent. */
  get isEmpty(): boolean {
    return this.raw === '';
  }

  /** HL7's explicit null `""`: the receiver must delete the value it holds. */
  get isNull(): boolean {
    return this.raw === '""';
  }

  /** The child elements one level down (repetitions of a field, components of a repetition, …). */
  get children(): readonly Hl7Element[] {
    const child = CHILD[this.level];
    if (child === undefined || this.#atomic) {
      return [];
    }
    if (this.#children === undefined) {
      const separator = this.#separatorFor(child);
      this.#children = this.raw.split(separator).map((r) => new Hl7Element(r, child, this.#enc));
    }
    return this.#children;
  }

  repetition(n: number): Hl7Element {
    return this.#childAt('field', 'repetition', n);
  }

  component(n: number): Hl7Element {
    return this.#childAt('repetition', 'component', n);
  }

  subComponent(n: number): Hl7Element {
    return this.#childAt('component', 'subComponent', n);
  }

  #childAt(parent: ElementLevel, level: ElementLevel, n: number): Hl7Element {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`HL7 positions start at 1, got ${n}`);
    }
    const from = this.level === parent ? this : this.#first(parent);
    if (from.level !== parent) {
      return new Hl7Element('', level, this.#enc);
    }
    return from.children[n - 1] ?? new Hl7Element('', level, this.#enc);
  }

  /** Descends through first children down to `level` (an element deeper than `level` is itself). */
  #first(level: ElementLevel): Hl7Element {
    const child = CHILD[this.level];
    if (this.level === level || child === undefined || this.#atomic) {
      return this;
    }
    return (this.children[0] ?? new Hl7Element('', child, this.#enc)).#first(level);
  }

  #separatorFor(level: ElementLevel): string {
    switch (level) {
      case 'repetition':
        return this.#enc.repetition;
      case 'component':
        return this.#enc.component;
      case 'subComponent':
        return this.#enc.subComponent;
      case 'field':
        return this.#enc.field;
    }
  }
}
