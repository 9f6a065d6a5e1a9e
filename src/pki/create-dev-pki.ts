import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addSigningKey, keyFilesOf, writeJwksFile } from '../jose/key-files.ts';
import { writeLogKey } from '../log/log-key.ts';
import {
  createCertificateAuthority,
  issueCertificate,
  loadCertificateAuthority,
  type CertificateAuthority,
} from './issue-certificate.ts';

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
    await issueMissing(dir, subjects);
    return { dir, created: false, codes };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await createCertificateAuthority('siteds-broker dev CA');
  writeFileSync(path.join(dir, 'ca.crt'), ca.certPem);
  writeFileSync(path.join(dir, 'ca.key'), ca.keyPem, { mode: 0o600 });
  writeLogKey(path.join(dir, 'log.key'));
  for (const subject of subjects) {
    await issueSubject(dir, ca, subject);
  }
  return { dir, created: true, codes };
}

/**
 * A participant added to the registry after the PKI was made (e.g. the RENETSA demo member)
 * gets its certificate and keys from the existing CA, when its `ca.key` is there.
 */
async function issueMissing(dir: string, subjects: readonly PkiSubject[]): Promise<void> {
  const missing = subjects.filter((s) => !existsSync(path.join(dir, `${s.code}.crt`)));
  const caKey = path.join(dir, 'ca.key');
  if (missing.length === 0 || !existsSync(caKey)) {
    return;
  }
  const ca = await loadCertificateAuthority(
    readFileSync(path.join(dir, 'ca.crt'), 'utf8'),
    readFileSync(caKey, 'utf8'),
  );
  for (const subject of missing) {
    await issueSubject(dir, ca, subject);
  }
}

/** `<code>.crt`, `<code>.key`, and a first JWS signing key with its JWKS. */
async function issueSubject(
  dir: string,
  ca: CertificateAuthority,
  subject: PkiSubject,
): Promise<void> {
  const issued = await issueCertificate(ca, subject);
  writeFileSync(path.join(dir, `${subject.code}.crt`), issued.certPem);
  writeFileSync(path.join(dir, `${subject.code}.key`), issued.keyPem, { mode: 0o600 });
  const files = keyFilesOf(dir, subject.code);
  writeJwksFile(files.jwks, { keys: [] });
  addSigningKey(files, true);
}
