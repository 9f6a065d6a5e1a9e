import { createHash, createPublicKey } from 'node:crypto';
import { parseDetached, verifyJwsSignature } from '../jose/detached-jws.ts';
import type { Registry } from '../registry/participant.ts';
import type { ClientAnswer, ParticipantClient } from '../sim/participant-client.ts';

/**
 * What `siteds check` can verify on an answer, one line each: the broker's countersignature
 * (against the broker's published JWKS, addressed to us), and the insurer's signature over the
 * returned body (against the insurer's keys in the local registry, when it is there).
 */
export async function describeAnswerSignatures(
  res: ClientAnswer,
  client: ParticipantClient,
  self: string,
  registry: Registry | undefined,
): Promise<string[]> {
  return [
    await describeCountersignature(res, client, self),
    await describeOrigin(res, registry),
  ].filter((l): l is string => l !== undefined);
}

/**
 * The broker's countersignature over the returned body. `transformed`: the broker rewrote the
 * insurer's answer (another wire format), so `origin_sha256` names the insurer's bytes, not
 * this body, and is not compared with it.
 */
export async function describeCountersignature(
  res: ClientAnswer,
  client: ParticipantClient,
  self: string,
  transformed = false,
): Promise<string> {
  const jws = res.signature === undefined ? undefined : parseDetached(res.signature);
  if (jws === undefined) {
    return 'broker signature:  MISSING';
  }
  const published = await client.get('/.well-known/jwks.json');
  if (published.status !== 200) {
    return `broker signature:  NOT VERIFIED (cannot read the broker's keys: HTTP ${published.status})`;
  }
  const jwks = JSON.parse(published.body.toString('utf8')) as {
    keys: (Record<string, unknown> & { kid?: string })[];
  };
  const jwk = jwks.keys.find((k) => k.kid === jws.header.kid);
  if (jwk === undefined) {
    return `broker signature:  NOT VERIFIED (key ${String(jws.header.kid)} not published)`;
  }
  const ok = await verifyJwsSignature(jws, res.body, createPublicKey({ key: jwk, format: 'jwk' }), [
    String(jwk.alg),
  ]);
  const claims = [
    jws.header.sub === 'broker' ? '' : `signed as ${String(jws.header.sub)}`,
    jws.header.aud === self ? '' : `addressed to ${String(jws.header.aud)}`,
    transformed ? '' : originMismatch(jws.header, res),
  ].filter((c) => c !== '');
  const suffix = claims.length === 0 ? '' : ` but ${claims.join(', ')}`;
  return `broker signature:  ${ok ? 'valid' : 'INVALID'} (kid ${String(jws.header.kid)})${suffix}`;
}

async function describeOrigin(
  res: ClientAnswer,
  registry: Registry | undefined,
): Promise<string | undefined> {
  const jws = res.originSignature === undefined ? undefined : parseDetached(res.originSignature);
  if (jws === undefined) {
    return undefined;
  }
  const sender = String(jws.header.sub);
  const found = registry?.findKey(String(jws.header.kid));
  if (found === undefined) {
    return `insurer signature: not verified (no local registry key for ${sender})`;
  }
  const ok = await verifyJwsSignature(jws, res.body, found.key.publicKey, [found.key.alg]);
  const owner =
    found.owner.code === sender ? sender : `${sender}, but the key is ${found.owner.code}'s`;
  return `insurer signature: ${ok ? 'valid' : 'INVALID'} over the returned body (${owner})`;
}

/** The countersignature must name the insurer's JWS we received and the SHA-256 of the body. */
function originMismatch(header: Record<string, unknown>, res: ClientAnswer): string {
  if (res.originSignature === undefined) {
    return header.origin_jws === undefined ? '' : 'names an insurer signature that was not sent';
  }
  const sha = createHash('sha256').update(res.body).digest('base64url');
  if (header.origin_jws !== res.originSignature) {
    return 'its origin_jws is not the x-jws-origin-signature received';
  }
  return header.origin_sha256 === sha ? '' : 'its origin_sha256 is not the SHA-256 of the body';
}
