import type { Registry, Participant } from '../registry/participant.ts';
import { BrokerError, brokerError } from '../errors/broker-error.ts';
import type { ReplayGuard } from './replay-guard.ts';
import { loadSigningKey, type SigningKey } from './signing-key.ts';
import { keyUnusableReason } from './participant-keys.ts';
import { verifyMessage, type VerifiedSignature } from './verify-message.ts';

/** What signing and verifying needs, built once at start and passed to the steps that use it. */
export interface SignatureContext {
  /** This party's participant code: the broker's in the broker, an insurer's in a demo insurer. */
  readonly selfCode: string;
  readonly signer: SigningKey;
  readonly registry: Registry;
  readonly replay: ReplayGuard;
  readonly windowSeconds: number;
  /** Current time in seconds (injectable for tests). */
  readonly now: () => number;
}

/**
 * The one verification used for every format and direction: `verifyMessage` (form, algorithm,
 * key, signature, sub, aud, iat) and then the replay check of `jti` in the store. A message
 * without signature passes only when the sender's policy is `optional` (result `undefined`).
 */
export async function checkSignature(
  ctx: SignatureContext,
  value: string | undefined,
  payload: Uint8Array,
  sender: Participant,
  audience: string,
): Promise<VerifiedSignature | undefined> {
  if ((value === undefined || value === '') && sender.signaturePolicy === 'optional') {
    return undefined;
  }
  const now = ctx.now();
  const verified = await verifyMessage(value, payload, ctx.registry, {
    sender,
    audience,
    windowSeconds: ctx.windowSeconds,
    nowSeconds: now,
  });
  const expiresAt = new Date((verified.iat + ctx.windowSeconds + 1) * 1000);
  const fresh = await ctx.replay
    .claim(sender.code, verified.jti, expiresAt)
    .catch((err: unknown) => {
      throw new BrokerError('BRK_STORE_UNAVAILABLE', [], { cause: err });
    });
  if (!fresh) {
    throw brokerError(
      'BRK_SIG_REPLAYED',
      `jti ${verified.jti} from ${sender.code} was already received`,
    );
  }
  return verified;
}

/** The verdict recorded in the log for a check's result. */
export function verdictOf(result: VerifiedSignature | undefined | BrokerError) {
  if (result instanceof BrokerError) {
    return { result: result.code, detail: result.issues[0]?.detail ?? '' };
  }
  return result === undefined
    ? { result: 'absent' }
    : { result: 'valid', kid: result.kid, alg: result.alg };
}

/**
 * The broker's context, checked at start: the signing key must load, the broker must be a
 * registered `broker` participant, and the key must be one of its registered, usable keys.
 * Anything else stops start-up (a bad security setting never just warns).
 */
export function createBrokerSignatureContext(
  options: { brokerCode: string; signingKeyFile: string; windowSeconds: number },
  registry: Registry,
  replay: ReplayGuard,
): SignatureContext {
  const signer = loadSigningKey(options.signingKeyFile);
  const broker = registry.findByCode(options.brokerCode);
  if (broker?.kind !== 'broker') {
    throw new Error(`registry: no participant of kind broker with code ${options.brokerCode}`);
  }
  const key = registry.findKey(signer.kid);
  if (key?.owner.code !== broker.code) {
    throw new Error(
      `${options.signingKeyFile}: key ${signer.kid} is not a registered key of ${broker.code}`,
    );
  }
  const now = (): number => Math.floor(Date.now() / 1000);
  const unusable = keyUnusableReason(key.key, now());
  if (unusable !== undefined) {
    throw new Error(`${options.signingKeyFile}: ${unusable}`);
  }
  return {
    selfCode: broker.code,
    signer,
    registry,
    replay,
    windowSeconds: options.windowSeconds,
    now,
  };
}
