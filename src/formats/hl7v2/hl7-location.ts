/**
 * Where a problem is in a message, in HL7 terms: segment ID and its occurrence (1-based), then
 * optional field, repetition, component and sub-component numbers.
 */
export interface Hl7Location {
  readonly segment: string;
  /** Which occurrence of this segment ID in the message (`IN1[2]`); 1 for the first. */
  readonly occurrence: number;
  readonly field?: number;
  readonly repetition?: number;
  readonly component?: number;
  readonly subComponent?: number;
}

/**
 * HL7 notation: `PID-3.1`, `PID-3.4.2`, `IN1[2]-2`, `PID-3(2).1` for the second repetition;
 * a segment alone is `PRD` (or `IN1[2]`).
 */
export function formatLocation(loc: Hl7Location): string {
  let out = loc.occurrence > 1 ? `${loc.segment}[${loc.occurrence}]` : loc.segment;
  if (loc.field === undefined) {
    return out;
  }
  out += `-${loc.field}`;
  if (loc.repetition !== undefined && loc.repetition > 1) {
    out += `(${loc.repetition})`;
  }
  if (loc.component !== undefined) {
    out += `.${loc.component}`;
    if (loc.subComponent !== undefined) {
      out += `.${loc.subComponent}`;
    }
  }
  return out;
}

/**
 * ERR-2 (data type ERL, v2.5.1): segment ID ^ segment sequence ^ field position ^ field
 * repetition ^ component number ^ sub-component number.
 */
export function toErl(loc: Hl7Location): string[] {
  const parts = [loc.segment, String(loc.occurrence)];
  if (loc.field !== undefined) {
    parts.push(String(loc.field), String(loc.repetition ?? 1));
    if (loc.component !== undefined) {
      parts.push(String(loc.component));
      if (loc.subComponent !== undefined) {
        parts.push(String(loc.subComponent));
      }
    }
  }
  return parts;
}
