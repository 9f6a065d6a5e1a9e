import { brokerError } from '../errors/broker-error.ts';
import type { Participant } from '../registry/participant.ts';
import { signDetached } from './detached-jws.ts';
import { checkSignature, type SignatureContext } from './signature-context.ts';
import type { VerifiedSignature } from './verify-message.ts';
import { attachZsg, detachZsg } from './zsg-segment.ts';

/** An inbound MLLP message split at its ZSG, with the signature's verdict. */
export interface ZsgVerified {
  /** The message without its ZSG segment: the signed bytes, and what is parsed next. */
  readonly payload: Buffer;
  /** `undefined` only when the sender's policy is `optional` and it sent no ZSG. */
  readonly signature: VerifiedSignature | undefined;
}

/**
 * Verifies the `ZSG` of a message received over MLLP from `sender` (the participant its TLS
 * certificate identified): the detached JWS of the last segment, over the message bytes without
 * that segment, through the same `checkSignature` as HTTP (algorithm, key of the sender, `sub`,
 * `aud` = this party, `iat` window, `jti` replay). Throws the catalogued `BRK_SIG_*` error.
 */
export async function verifyZsg(
  ctx: SignatureContext,
  message: Buffer,
  sender: Participant,
): Promise<ZsgVerified> {
  const { payload, signature } = detachZsg(message);
  if (signature === undefined && sender.signaturePolicy === 'required') {
    throw brokerError('BRK_SIG_MISSING', 'the message has no final ZSG segment');
  }
  return {
    payload,
    signature: await checkSignature(ctx, signature, payload, sender, ctx.selfCode),
  };
}

/**
 * Signs an outbound message with this party's key (`sub` = `ctx.selfCode`, `aud` = the
 * recipient, `jti` = the message id, usually MSH-10) and appends the JWS as a last `ZSG`
 * segment. The message must not carry a ZSG already: a signature is never signed over.
 */
export async function signZsg(
  ctx: Pick<SignatureContext, 'selfCode' | 'signer'>,
  message: Buffer,
  claims: { readonly aud: string; readonly jti: string; readonly iat?: number },
): Promise<Buffer> {
  if (detachZsg(message).signature !== undefined) {
    throw new Error('signZsg: the message already ends with a ZSG segment');
  }
  // The signed bytes end with a CR, as they will once the ZSG follows them.
  const body = message.at(-1) === 0x0d ? message : Buffer.concat([message, Buffer.from('\r')]);
  const jws = await signDetached(body, ctx.signer, { ...claims, sub: ctx.selfCode });
  return attachZsg(body, jws);
}
