import { createHash, createPublicKey } from 'node:crypto';
import { parseDetached, verifyJwsSignature } from '../jose/detached-jws.ts';
import type { Registry } from '../registry/participant.ts';
import type { ClientAnswer, ParticipantClient } from '../sim/participant-client.ts';

/**
 * What `siteds check` can verify on an answer, one line each: the broker's countersignature
 * (against the broker's published JWKS, addressed to us), and the insurer's signature (against
 * the insurer's keys in the local registry, when it is there). The insurer's signature is
 * checked only when the returned body is the insurer's own bytes (its SHA-256 is the
 * countersignature's `origin_sha256`); when the broker returned its own bytes (an answer it
 * amended with HTA links, or converted to XML) the insurer signed other bytes, which only the
 * message log keeps: the line says so and what rests on the broker's word.
 */
export async function describeAnswerSignatures(
  res: ClientAnswer,
  client: ParticipantClient,
  self: string,
  registry: Registry | undefined,
): Promise<string[]> {
  const broker = await describeCountersignature(res, client, self);
  return [broker.line, await describeOrigin(res, registry, broker)].filter(
    (l): l is string => l !== undefined,
  );
}

interface Countersignature {
  readonly line: string;
  /** The broker's signature verified, addressed to us, naming the insurer's JWS we received. */
  readonly trusted: boolean;
  readonly originSha256: string | undefined;
}

/** The broker's countersignature (HTTP header, or an MLLP answer's ZSG) over `res.body`. */
export async function describeCountersignature(
  res: ClientAnswer,
  client: ParticipantClient,
  self: string,
): Promise<Countersignature> {
  const untrusted = (line: string): Countersignature => ({
    line,
    trusted: false,
    originSha256: undefined,
  });
  const jws = res.signature === undefined ? undefined : parseDetached(res.signature);
  if (jws === undefined) {
    return untrusted('broker signature:  MISSING');
  }
  const published = await client.get('/.well-known/jwks.json');
  if (published.status !== 200) {
    return untrusted(
      `broker signature:  NOT VERIFIED (cannot read the broker's keys: HTTP ${published.status})`,
    );
  }
  const jwks = JSON.parse(published.body.toString('utf8')) as {
    keys: (Record<string, unknown> & { kid?: string })[];
  };
  const jwk = jwks.keys.find((k) => k.kid === jws.header.kid);
  if (jwk === undefined) {
    return untrusted(
      `broker signature:  NOT VERIFIED (key ${String(jws.header.kid)} not published)`,
    );
  }
  const ok = await verifyJwsSignature(jws, res.body, createPublicKey({ key: jwk, format: 'jwk' }), [
    String(jwk.alg),
  ]);
  const claims = [
    jws.header.sub === 'broker' ? '' : `signed as ${String(jws.header.sub)}`,
    jws.header.aud === self ? '' : `addressed to ${String(jws.header.aud)}`,
    originMismatch(jws.header, res),
  ].filter((c) => c !== '');
  const suffix = claims.length === 0 ? '' : ` but ${claims.join(', ')}`;
  const sha = jws.header.origin_sha256;
  return {
    line: `broker signature:  ${ok ? 'valid' : 'INVALID'} (kid ${String(jws.header.kid)})${suffix}`,
    trusted: ok && claims.length === 0,
    originSha256: typeof sha === 'string' ? sha : undefined,
  };
}

async function describeOrigin(
  res: ClientAnswer,
  registry: Registry | undefined,
  broker: Countersignature,
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
  const owner =
    found.owner.code === sender ? sender : `${sender}, but the key is ${found.owner.code}'s`;
  const bodySha = createHash('sha256').update(res.body).digest('base64url');
  if (broker.originSha256 !== bodySha) {
    const vouched = broker.trusted
      ? `the broker's valid countersignature states the insurer signed bytes with SHA-256 ${String(broker.originSha256)}, kept in the message log`
      : "and the broker's countersignature does not vouch for them";
    return `insurer signature: NOT VERIFIED here: the body is the broker's (amended or converted), not the bytes the insurer signed (${owner}); ${vouched}`;
  }
  const ok = await verifyJwsSignature(jws, res.body, found.key.publicKey, [found.key.alg]);
  return `insurer signature: ${ok ? 'valid' : 'INVALID'} over the returned body (${owner})`;
}

/** The countersignature must name the insurer's JWS we received and the digest of its bytes. */
function originMismatch(header: Record<string, unknown>, res: ClientAnswer): string {
  if (res.originSignature === undefined) {
    return header.origin_jws === undefined ? '' : 'names an insurer signature that was not sent';
  }
  if (header.origin_jws !== res.originSignature) {
    return 'its origin_jws is not the x-jws-origin-signature received';
  }
  return typeof header.origin_sha256 === 'string' ? '' : 'it has no origin_sha256';
}
