/**
 * Signatures inside HL7 v2 messages sent over MLLP, where there are no HTTP headers: the sender's
 * detached JWS travels in a `ZSG` segment placed last, `ZSG|<jws>`, and the signed bytes are the
 * message without that segment. Segments end with a carriage return (HL7 v2 §2.5.1). The JWS is
 * made and checked by the same `signDetached` / `checkSignature` as every other format.
 */
const SEGMENT_END = 0x0d;
const ZSG = Buffer.from('ZSG|');

/** Appends `ZSG|<jws>` as the last segment of an ER7 message. */
export function attachZsg(message: Buffer, jws: string): Buffer {
  const body =
    message.at(-1) === SEGMENT_END ? message : Buffer.concat([message, Buffer.from('\r')]);
  return Buffer.concat([body, ZSG, Buffer.from(jws), Buffer.from('\r')]);
}

/**
 * Splits an ER7 message into the signed bytes and the JWS of its last segment, when that segment
 * is a `ZSG`. A `ZSG` anywhere but last is not a signature (the message is returned whole).
 */
export function detachZsg(message: Buffer): { payload: Buffer; signature: string | undefined } {
  const trimmed = message.at(-1) === SEGMENT_END ? message.subarray(0, -1) : message;
  const start = trimmed.lastIndexOf(SEGMENT_END) + 1;
  const last = trimmed.subarray(start);
  if (!last.subarray(0, ZSG.length).equals(ZSG)) {
    return { payload: message, signature: undefined };
  }
  return {
    payload: message.subarray(0, start),
    signature: last.subarray(ZSG.length).toString('latin1'),
  };
}
