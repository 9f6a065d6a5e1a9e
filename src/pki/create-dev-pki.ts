import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addSigningKey, keyFilesOf, writeJwksFile } from '../jose/key-files.ts';
import { writeLogKey } from '../log/log-key.ts';
import { createCertificateAuthority, issueCertificate } from './issue-certificate.ts';

export interface PkiSubject {
  readonly code: string;
  readonly name: string;
}

export interface DevPkiResult {
  readonly dir: string;
  readonly created: boolean;
  readonly codes: readonly string[];
}

/**
 * Creates the development PKI in `dir`: `ca.crt` (and `ca.key`, to issue more), `log.key` (the
 * message log's Ed25519 checkpoint key), and for each
 * subject `<code>.crt` and `<code>.key` (TLS), `<code>.sig.pem` (JWS signing key, PKCS#8) and
 * `<code>.jwks.json` (its public JWKS). Keys are written with mode 0600. Does nothing when
 * `ca.crt` already exists, unless `force` is set.
 */
export async function createDevPki(
  dir: string,
  subjects: readonly PkiSubject[],
  force = false,
): Promise<DevPkiResult> {
  const codes = subjects.map((s) => s.code);
  if (!force && existsSync(path.join(dir, 'ca.crt'))) {
    return { dir, created: false, codes };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await createCertificateAuthority('siteds-broker dev CA');
  writeFileSync(path.join(dir, 'ca.crt'), ca.certPem);
  writeFileSync(path.join(dir, 'ca.key'), ca.keyPem, { mode: 0o600 });
  writeLogKey(path.join(dir, 'log.key'));
  for (const subject of subjects) {
    const issued = await issueCertificate(ca, subject);
    writeFileSync(path.join(dir, `${subject.code}.crt`), issued.certPem);
    writeFileSync(path.join(dir, `${subject.code}.key`), issued.keyPem, { mode: 0o600 });
    const files = keyFilesOf(dir, subject.code);
    writeJwksFile(files.jwks, { keys: [] });
    addSigningKey(files, true);
  }
  return { dir, created: true, codes };
}
