import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKeys } from '../../src/cli/keys.ts';
import type { Output } from '../../src/cli/output.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { signDetached } from '../../src/jose/detached-jws.ts';
import { addSigningKey, keyFilesOf, readJwksFile } from '../../src/jose/key-files.ts';
import { loadSigningKey } from '../../src/jose/signing-key.ts';
import { verifyMessage } from '../../src/jose/verify-message.ts';
import { createRegistry, type Participant } from '../../src/registry/participant.ts';
import { ipressWithKeys } from '../helpers/ipress-with-keys.ts';

function captured(): Output & { out: string[] } {
  const out: string[] = [];
  return { out, log: (l) => out.push(l), error: (l) => out.push(l) };
}

/** What the broker would load at its next start from this JWKS file. */
function registryFrom(jwksFile: string): {
  registry: ReturnType<typeof createRegistry>;
  p: Participant;
} {
  const p = ipressWithKeys('00009845', readJwksFile(jwksFile).keys);
  return { registry: createRegistry([p]), p };
}

describe('siteds keys', () => {
  const certs = mkdtempSync(path.join(tmpdir(), 'siteds-keys-'));
  const config = { ...loadConfig({}), certsDir: certs };
  const files = keyFilesOf(certs, '00009845');
  addSigningKey(files, true);
  const first = loadSigningKey(files.activeKey);

  it('rotates: a new active key, the old one valid through its grace period', async () => {
    const io = captured();
    expect(runKeys(['rotate', '--as', '00009845', '--grace-days', '1'], config, io)).toBe(0);
    const second = loadSigningKey(files.activeKey);
    expect(second.kid).not.toBe(first.kid);
    const { registry, p } = registryFrom(files.jwks);
    const now = Math.floor(Date.now() / 1000);
    const body = Buffer.from('x');
    const sign = (key: typeof first) =>
      signDetached(body, key, { jti: key.kid, sub: p.code, aud: 'broker', iat: now });
    const expect1 = { sender: p, audience: 'broker', windowSeconds: 300, nowSeconds: now };
    await expect(verifyMessage(await sign(first), body, registry, expect1)).resolves.toMatchObject({
      kid: first.kid,
    });
    await expect(
      verifyMessage(await sign(first), body, registry, {
        ...expect1,
        nowSeconds: now + 2 * 86_400,
      }),
    ).rejects.toMatchObject({ code: 'BRK_SIG_KEY_REVOKED' });
    const list = captured();
    runKeys(['list', '--as', '00009845'], config, list);
    expect(list.out).toHaveLength(2);
    expect(list.out.join('\n')).toMatch(new RegExp(`${first.kid} ES256 from .* expires `));
  });

  it('revokes: messages signed with a revoked key are refused after restart', async () => {
    const active = loadSigningKey(files.activeKey);
    expect(runKeys(['revoke', '--as', '00009845', '--kid', active.kid], config, captured())).toBe(
      0,
    );
    const { registry, p } = registryFrom(files.jwks);
    const now = Math.floor(Date.now() / 1000);
    const value = await signDetached(Buffer.from('x'), active, {
      jti: 'r',
      sub: p.code,
      aud: 'broker',
      iat: now,
    });
    await expect(
      verifyMessage(value, Buffer.from('x'), registry, {
        sender: p,
        audience: 'broker',
        windowSeconds: 300,
        nowSeconds: now,
      }),
    ).rejects.toMatchObject({ code: 'BRK_SIG_KEY_REVOKED' });
    expect(runKeys(['revoke', '--as', '00009845', '--kid', 'nope'], config, captured())).toBe(1);
  });
});
