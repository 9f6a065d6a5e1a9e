import { parseEr7 } from './parse-er7.ts';
import type { Hl7Message, Hl7Segment } from './message.ts';

/** What the broker reads from MSH to route, check and acknowledge a message. */
export interface Hl7Header {
  readonly messageType: string;
  readonly triggerEvent: string;
  readonly structure: string;
  readonly controlId: string;
  readonly processingId: string;
  readonly version: string;
  readonly segment: Hl7Segment;
}

/** MSH-9.1, MSH-9.2, MSH-9.3, MSH-10, MSH-11.1, MSH-12.1 of a message. */
export function readHeader(msh: Hl7Segment): Hl7Header {
  const type = msh.field(9);
  return {
    messageType: type.component(1).value,
    triggerEvent: type.component(2).value,
    structure: type.component(3).value,
    controlId: msh.field(10).value,
    processingId: msh.field(11).component(1).value,
    version: msh.field(12).component(1).value,
    segment: msh,
  };
}

/**
 * The MSH of bytes that did not parse as a whole message, when its first line is a usable MSH:
 * enough to address an AR acknowledgment (MSA-2 = its MSH-10). `undefined` otherwise.
 */
export function salvageHeader(bytes: Uint8Array): Hl7Segment | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.indexOf(0x0d);
  const first = buf.subarray(0, end === -1 ? Math.min(buf.length, 4096) : end);
  try {
    return parseEr7(first.toString('latin1')).segments[0];
  } catch {
    return undefined;
  }
}

/** The header of a parsed message. */
export function headerOf(message: Hl7Message): Hl7Header {
  return readHeader(message.header);
}
