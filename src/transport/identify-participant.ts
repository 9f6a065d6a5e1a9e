import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { ErrorCode } from '../errors/catalog.ts';
import { spkiPin } from '../pki/spki-pin.ts';
import type { Participant, Registry } from '../registry/participant.ts';

/** Who is on the other end of a TLS connection, or why they are not acceptable. */
export type Identity =
  | { readonly participant: Participant; readonly error?: undefined; readonly code?: undefined }
  | {
      readonly participant?: undefined;
      readonly error: ErrorCode;
      readonly pin: string | undefined;
      /** The registered code when the certificate is known but refused (suspended). */
      readonly code?: string;
    };

/**
 * Identifies the peer of a verified TLS socket: the SPKI pin of its certificate is looked up in
 * the registry. Node has already verified the chain (`rejectUnauthorized`), so this only maps a
 * trusted key to a participant. Results are cached per socket: parsing the peer certificate on
 * every request costs a third of the throughput (see `../shared/reference/deps.md` §8).
 */
export function createIdentifier(registry: Registry): (socket: Socket) => Identity {
  const cache = new WeakMap<Socket, Identity>();
  return (socket) => {
    let identity = cache.get(socket);
    if (identity === undefined) {
      identity = identify(socket, registry);
      cache.set(socket, identity);
    }
    // Suspension is read from the registry on every request, not cached with the socket.
    if (identity.participant !== undefined && identity.participant.status !== 'active') {
      return {
        error: 'BRK_AUTH_PARTICIPANT_SUSPENDED',
        pin: undefined,
        code: identity.participant.code,
      };
    }
    return identity;
  };
}

function identify(socket: Socket, registry: Registry): Identity {
  const tls = socket instanceof TLSSocket && socket.authorized;
  const cert = tls ? socket.getPeerX509Certificate() : undefined;
  if (cert === undefined) {
    return { error: 'BRK_AUTH_UNKNOWN_CERTIFICATE', pin: undefined };
  }
  const pin = spkiPin(cert);
  const participant = registry.findByPin(pin);
  return participant === undefined
    ? { error: 'BRK_AUTH_UNKNOWN_CERTIFICATE', pin }
    : { participant };
}
