/** MLLP (HL7 v2 Minimal Lower Layer Protocol, release 2): `<VT> message <FS><CR>`. */
export const START_BLOCK = 0x0b;
export const END_BLOCK = 0x1c;
export const CARRIAGE_RETURN = 0x0d;

/** Wraps message bytes in an MLLP frame. */
export function frameMessage(message: Uint8Array | string): Buffer {
  const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  return Buffer.concat([
    Buffer.from([START_BLOCK]),
    body,
    Buffer.from([END_BLOCK, CARRIAGE_RETURN]),
  ]);
}
