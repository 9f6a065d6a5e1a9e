import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevPki } from '../../src/pki/create-dev-pki.ts';

describe('the dev PKI and a participant added to the registry later', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'siteds-pki-add-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues only the missing certificate and keys, from the existing CA', async () => {
    await createDevPki(dir, [{ code: '00009845', name: 'Clínica' }]);
    const before = readFileSync(path.join(dir, '00009845.crt'), 'utf8');
    const again = await createDevPki(dir, [
      { code: '00009845', name: 'Clínica' },
      { code: 'renetsa-demo', name: 'Miembro RENETSA' },
    ]);
    expect(again.created).toBe(false);
    expect(readFileSync(path.join(dir, '00009845.crt'), 'utf8')).toBe(before);
    const ca = new X509Certificate(readFileSync(path.join(dir, 'ca.crt')));
    const added = new X509Certificate(readFileSync(path.join(dir, 'renetsa-demo.crt')));
    expect(added.subject).toContain('CN=renetsa-demo');
    expect(added.verify(ca.publicKey)).toBe(true);
    expect(existsSync(path.join(dir, 'renetsa-demo.jwks.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'renetsa-demo.sig.pem'))).toBe(true);
  });
});
