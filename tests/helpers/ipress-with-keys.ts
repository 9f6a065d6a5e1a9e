import { readJwks } from '../../src/jose/participant-keys.ts';
import type { Participant } from '../../src/registry/participant.ts';

/** An active IPRESS whose signing keys are the public JWKs given (no certificate pins). */
export function ipressWithKeys(code: string, jwks: readonly object[]): Participant {
  return {
    code,
    kind: 'ipress',
    name: code,
    status: 'active',
    spkiPins: [],
    endpoint: undefined,
    signingKeys: readJwks({ keys: jwks }, code, []),
    signaturePolicy: 'required',
  };
}
