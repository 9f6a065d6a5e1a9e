import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/jose/key-files.ts';
import { readJwks } from '../../src/jose/participant-keys.ts';
import { createMemoryReplayGuard } from '../../src/jose/replay-guard.ts';
import type { SignatureContext } from '../../src/jose/signature-context.ts';
import { signingKeyFromPem } from '../../src/jose/signing-key.ts';
import { signZsg, verifyZsg } from '../../src/jose/zsg-signature.ts';
import { detachZsg } from '../../src/jose/zsg-segment.ts';
import { createRegistry, type Participant } from '../../src/registry/participant.ts';
import { ipressWithKeys } from '../helpers/ipress-with-keys.ts';
import { hl7Vector } from './hl7v2/vectors.ts';

const RQI = hl7Vector('rqi-i01-two-insurers.er7');

describe('ZSG signatures over MLLP (keys generated at test time)', () => {
  const clinicKey = generateSigningKey();
  const otherKey = generateSigningKey();
  const brokerKey = generateSigningKey();
  const clinic = ipressWithKeys('00009845', [clinicKey.jwk]);
  const other = ipressWithKeys('00019049', [otherKey.jwk]);
  const broker: Participant = {
    ...ipressWithKeys('broker', []),
    kind: 'broker',
    signingKeys: readJwks({ keys: [brokerKey.jwk] }, 'broker', []),
  };
  const registry = createRegistry([clinic, other, broker]);
  const now = () => Math.floor(Date.now() / 1000);
  const context = (code: string, pem: string): SignatureContext => ({
    selfCode: code,
    signer: signingKeyFromPem(pem),
    registry,
    replay: createMemoryReplayGuard(),
    windowSeconds: 300,
    now,
  });
  const atClinic = context('00009845', clinicKey.pem);
  const atOther = context('00019049', otherKey.pem);

  it('signs the message as sent and verifies at the broker, returning the bytes without the ZSG', async () => {
    const atBroker = context('broker', brokerKey.pem);
    const wire = await signZsg(atClinic, RQI, { aud: 'broker', jti: 'MSG0001' });
    expect(wire.subarray(0, RQI.length).equals(RQI)).toBe(true);
    expect(wire.toString('latin1').split('\r').at(-2)).toMatch(/^ZSG\|[\w-]+\.\.[\w-]+$/);
    const { payload, signature } = await verifyZsg(atBroker, wire, clinic);
    expect(payload.equals(RQI)).toBe(true);
    expect(signature).toMatchObject({ jti: 'MSG0001', kid: atClinic.signer.kid, alg: 'ES256' });
    await expect(verifyZsg(atBroker, wire, clinic)).rejects.toMatchObject({
      code: 'BRK_SIG_REPLAYED',
    });
  });

  it('signs what the broker sends to an insurer, verified there with aud = the insurer', async () => {
    const atBroker = context('broker', brokerKey.pem);
    const unterminated = RQI.subarray(0, -1);
    const wire = await signZsg(atBroker, unterminated, { aud: '00019049', jti: 'FWD-1' });
    const { payload } = await verifyZsg(atOther, wire, broker);
    expect(payload.equals(RQI)).toBe(true);
    await expect(signZsg(atBroker, wire, { aud: 'x', jti: 'y' })).rejects.toThrow(
      /already ends with a ZSG/,
    );
  });

  it.each([
    [
      'a changed byte',
      (w: Buffer) => Buffer.from(w.toString('latin1').replace('41000001', '41000002'), 'latin1'),
      clinic,
      'BRK_SIG_INVALID',
    ],
    ['no ZSG at all', () => RQI, clinic, 'BRK_SIG_MISSING'],
    [
      'a ZSG that is not a JWS',
      () => Buffer.concat([RQI, Buffer.from('ZSG|hello\r')]),
      clinic,
      'BRK_SIG_MALFORMED',
    ],
    ['a key of another participant', (w: Buffer) => w, other, 'BRK_SIG_KEY_FOREIGN'],
  ] as const)('refuses %s', async (_name, tamper, sender, code) => {
    const atBroker = context('broker', brokerKey.pem);
    const wire = await signZsg(atClinic, RQI, { aud: 'broker', jti: `T-${code}` });
    await expect(verifyZsg(atBroker, tamper(wire), sender)).rejects.toMatchObject({ code });
  });

  it('refuses a ZSG addressed to someone else, and lets an optional-policy sender go unsigned', async () => {
    const atBroker = context('broker', brokerKey.pem);
    const wire = await signZsg(atClinic, RQI, { aud: '10001', jti: 'AUD-1' });
    await expect(verifyZsg(atBroker, wire, clinic)).rejects.toMatchObject({
      code: 'BRK_SIG_WRONG_AUDIENCE',
    });
    const relaxed = { ...clinic, signaturePolicy: 'optional' as const };
    await expect(verifyZsg(atBroker, RQI, relaxed)).resolves.toEqual({
      payload: RQI,
      signature: undefined,
    });
    expect(detachZsg(RQI).signature).toBeUndefined();
  });
});
