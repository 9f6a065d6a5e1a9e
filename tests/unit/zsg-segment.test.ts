import { describe, expect, it } from 'vitest';
import { signDetached } from '../../src/jose/detached-jws.ts';
import { generateSigningKey } from '../../src/jose/key-files.ts';
import { createMemoryReplayGuard } from '../../src/jose/replay-guard.ts';
import { checkSignature } from '../../src/jose/signature-context.ts';
import { signingKeyFromPem } from '../../src/jose/signing-key.ts';
import { attachZsg, detachZsg } from '../../src/jose/zsg-segment.ts';
import { createRegistry } from '../../src/registry/participant.ts';
import { ipressWithKeys } from '../helpers/ipress-with-keys.ts';

const RQI = Buffer.from(
  'MSH|^~\\&|HIS|00009845|BROKER|SITEDS|20261127101500||RQI^I01^RQI_I01|MSG0001|P|2.5.1\r' +
    'PRD|RP||||||00009845^^^RENIPRESS\r' +
    'PID|1||41000001^^^RENIEC^NI||Quispe Mamani^Rosa\r' +
    'IN1|1|SIS-GRAT|10001^^^SUSALUD\r',
);

describe('ZSG: the JWS of an HL7 v2 message over MLLP', () => {
  const key = generateSigningKey();
  const clinic = ipressWithKeys('00009845', [key.jwk]);
  const ctx = {
    selfCode: 'broker',
    signer: signingKeyFromPem(key.pem),
    registry: createRegistry([clinic]),
    replay: createMemoryReplayGuard(),
    windowSeconds: 300,
    now: () => Math.floor(Date.now() / 1000),
  };

  it('is the last segment, over the message without it, checked like any other signature', async () => {
    const jws = await signDetached(RQI, signingKeyFromPem(key.pem), {
      jti: 'MSG0001',
      sub: '00009845',
      aud: 'broker',
    });
    const wire = attachZsg(RQI, jws);
    expect(wire.toString('latin1').split('\r').at(-2)).toBe(`ZSG|${jws}`);
    const { payload, signature } = detachZsg(wire);
    expect(payload.equals(RQI)).toBe(true);
    await expect(checkSignature(ctx, signature, payload, clinic, 'broker')).resolves.toMatchObject({
      jti: 'MSG0001',
    });
  });

  it('a changed byte in any other segment breaks it', async () => {
    const jws = await signDetached(RQI, signingKeyFromPem(key.pem), {
      jti: 'MSG0002',
      sub: '00009845',
      aud: 'broker',
    });
    const wire = Buffer.from(
      attachZsg(RQI, jws).toString('latin1').replace('41000001', '41000002'),
      'latin1',
    );
    const { payload, signature } = detachZsg(wire);
    await expect(checkSignature(ctx, signature, payload, clinic, 'broker')).rejects.toMatchObject({
      code: 'BRK_SIG_INVALID',
    });
  });

  it('a message without a final ZSG has no signature', () => {
    expect(detachZsg(RQI)).toEqual({ payload: RQI, signature: undefined });
  });
});
