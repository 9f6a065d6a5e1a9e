import type { JsonWebKey } from 'node:crypto';
import type { Registry } from '../registry/participant.ts';

/**
 * `GET /.well-known/jwks.json`: the broker's public signing keys from the registry, with their
 * rotation dates; revoked keys are left out.
 */
export function publishedKeys(registry: Registry, brokerCode: string): { keys: JsonWebKey[] } {
  const broker = registry.findByCode(brokerCode);
  const keys = (broker?.signingKeys ?? [])
    .filter((k) => !k.revoked)
    .map((k) => ({
      ...k.jwk,
      ...(k.nbf === undefined ? {} : { nbf: k.nbf }),
      ...(k.exp === undefined ? {} : { exp: k.exp }),
    }));
  return { keys };
}
