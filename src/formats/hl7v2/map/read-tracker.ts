import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import type { Hl7Element } from '../element.ts';
import type { Hl7Message, Hl7Segment } from '../message.ts';

/**
 * Reads a message's values by HL7 position and remembers what it read, so that every value
 * nobody read is reported (`unmapped`, with its HL7 location) instead of being dropped.
 * Reading a component covers its sub-components; reading a field covers all of it.
 */
export class ReadTracker {
  readonly #message: Hl7Message;
  readonly #read = new Set<string>();

  constructor(message: Hl7Message) {
    this.#message = message;
  }

  /** The text at `SEG[occurrence]-field(repetition).component.subComponent` (unescaped). */
  value(at: Position): string | undefined {
    const element = this.element(at);
    // HL7's explicit null `""` (e.g. a required name the sender does not know) carries no value
    const text = element === undefined || element.isNull ? '' : element.value;
    return text === '' ? undefined : text;
  }

  /** Number of repetitions sent in a field (0 when empty). */
  repetitions(segment: string, occurrence: number, field: number): number {
    const f = this.#message.segment(segment, occurrence)?.field(field);
    return f === undefined || f.isEmpty ? 0 : f.children.length;
  }

  /** Marks positions as deliberately read without using their text (e.g. a fixed value). */
  skip(at: Position): void {
    this.#read.add(keyOf(at));
  }

  element(at: Position): Hl7Element | undefined {
    const segment = this.#message.segment(at.segment, at.occurrence ?? 1);
    if (segment === undefined) {
      return undefined;
    }
    this.#read.add(keyOf(at));
    let e = segment.field(at.field);
    if (at.repetition !== undefined || at.component !== undefined) {
      e = e.repetition(at.repetition ?? 1);
    }
    if (at.component !== undefined) {
      e = e.component(at.component);
    }
    if (at.subComponent !== undefined) {
      e = e.subComponent(at.subComponent);
    }
    return e;
  }

  /** Every non-empty value of the message (MSH-1/MSH-2 aside) that was not read, as issues. */
  unread(ignoreSegments: readonly string[] = []): MappingIssue[] {
    const issues: MappingIssue[] = [];
    const seen = new Map<string, number>();
    for (const segment of this.#message.segments) {
      const occurrence = (seen.get(segment.name) ?? 0) + 1;
      seen.set(segment.name, occurrence);
      if (!ignoreSegments.includes(segment.name)) {
        this.#unreadIn(segment, occurrence, issues);
      }
    }
    return issues;
  }

  #unreadIn(segment: Hl7Segment, occurrence: number, issues: MappingIssue[]): void {
    const first = segment.name === 'MSH' ? 3 : 1;
    for (let n = first; n <= segment.fieldCount; n += 1) {
      const field = segment.field(n);
      if (field.isEmpty) {
        continue;
      }
      field.children.forEach((rep, r) => {
        rep.children.forEach((comp, c) => {
          comp.children.forEach((sub, s) => {
            const at = { segment: segment.name, occurrence, field: n };
            const leaf = { ...at, repetition: r + 1, component: c + 1, subComponent: s + 1 };
            if (sub.isEmpty || this.#covered(leaf)) {
              return;
            }
            const path = formatPosition(leaf, comp.children.length, rep.children.length);
            issues.push({
              kind: 'unmapped',
              severity: 'warning',
              path,
              message: `${path} has no place in the canonical FHIR form`,
              value: sub.value,
            });
          });
        });
      });
    }
  }

  #covered(leaf: Required<Position>): boolean {
    const { segment, occurrence, field, repetition, component, subComponent } = leaf;
    const candidates: Position[] = [
      { segment, occurrence, field },
      { segment, occurrence, field, repetition },
      { segment, occurrence, field, repetition, component },
      { segment, occurrence, field, repetition, component, subComponent },
    ];
    if (repetition === 1) {
      candidates.push({ segment, occurrence, field, component });
      candidates.push({ segment, occurrence, field, component, subComponent });
    }
    return candidates.some((c) => this.#read.has(keyOf(c)));
  }
}

/** An HL7 position; occurrence and repetition default to 1. */
export interface Position {
  readonly segment: string;
  readonly occurrence?: number;
  readonly field: number;
  readonly repetition?: number;
  readonly component?: number;
  readonly subComponent?: number;
}

function keyOf(p: Position): string {
  const parts = [p.segment, p.occurrence ?? 1, p.field, p.repetition ?? '', p.component ?? ''];
  return [...parts, p.subComponent ?? ''].join('|');
}

/** `PID-3(2).4.2`, `IN1[2]-2`, `PRD-3.1`: components shown only when the field has several. */
function formatPosition(p: Required<Position>, subCount: number, compCount: number): string {
  let out = p.occurrence > 1 ? `${p.segment}[${p.occurrence}]` : p.segment;
  out += `-${p.field}`;
  if (p.repetition > 1) {
    out += `(${p.repetition})`;
  }
  if (compCount > 1 || subCount > 1) {
    out += `.${p.component}`;
    if (subCount > 1) {
      out += `.${p.subComponent}`;
    }
  }
  return out;
}
