import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jwkThumbprint } from './jwk-thumbprint.ts';
import { loadSigningKey } from './signing-key.ts';

/**
 * The files of a participant's signing keys in a certs folder:
 * `<code>.sig.pem` (the active private key, PKCS#8), `<code>.sig.<kid>.pem` (earlier keys kept
 * for their grace period) and `<code>.jwks.json` (the public JWKS the registry points to).
 */
export interface KeyFiles {
  readonly activeKey: string;
  readonly jwks: string;
  retired(kid: string): string;
}

export function keyFilesOf(dir: string, code: string): KeyFiles {
  return {
    activeKey: path.join(dir, `${code}.sig.pem`),
    jwks: path.join(dir, `${code}.jwks.json`),
    retired: (kid) => path.join(dir, `${code}.sig.${kid}.pem`),
  };
}

export type JwksKey = JsonWebKey & {
  kid: string;
  alg: string;
  nbf?: number;
  exp?: number;
  revoked?: boolean;
};

export function readJwksFile(file: string): { keys: JwksKey[] } {
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { keys: JwksKey[] })
    : { keys: [] };
}

export function writeJwksFile(file: string, jwks: { keys: JwksKey[] }): void {
  writeFileSync(file, `${JSON.stringify(jwks, null, 2)}\n`);
}

/** A new ES256 (P-256) key: private PEM and the public JWK with `kid` (RFC 7638), `alg`, `nbf`. */
export function generateSigningKey(nowSeconds = Math.floor(Date.now() / 1000)): {
  pem: string;
  jwk: JwksKey;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = publicKey.export({ format: 'jwk' });
  const jwk: JwksKey = {
    ...pub,
    kid: jwkThumbprint(pub),
    alg: 'ES256',
    use: 'sig',
    nbf: nowSeconds,
  };
  return { pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), jwk };
}

/**
 * Adds a new key to a participant's JWKS. With `activate`, it becomes `<code>.sig.pem` and the
 * previous active key is kept as `<code>.sig.<kid>.pem`. Returns the new key's public JWK.
 */
export function addSigningKey(files: KeyFiles, activate: boolean): JwksKey {
  const { pem, jwk } = generateSigningKey();
  const jwks = readJwksFile(files.jwks);
  if (activate) {
    if (existsSync(files.activeKey)) {
      renameSync(files.activeKey, files.retired(loadSigningKey(files.activeKey).kid));
    }
    writeFileSync(files.activeKey, pem, { mode: 0o600 });
  } else {
    writeFileSync(files.retired(jwk.kid), pem, { mode: 0o600 });
  }
  jwks.keys.push(jwk);
  writeJwksFile(files.jwks, jwks);
  return jwk;
}

/**
 * Rotation: a new active key, and the previous one expiring after `graceSeconds` so messages
 * signed just before the switch still verify. Returns the new and the retiring key ids.
 */
export function rotateSigningKey(
  files: KeyFiles,
  graceSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): { added: string; retiring: string | undefined } {
  const retiring = existsSync(files.activeKey) ? loadSigningKey(files.activeKey).kid : undefined;
  const added = addSigningKey(files, true).kid;
  const jwks = readJwksFile(files.jwks);
  for (const key of jwks.keys) {
    if (key.kid === retiring) {
      key.exp = nowSeconds + graceSeconds;
    }
  }
  writeJwksFile(files.jwks, jwks);
  return { added, retiring };
}

/** Marks a key revoked in the JWKS: from the next start, messages signed with it are refused. */
export function revokeSigningKey(files: KeyFiles, kid: string): boolean {
  const jwks = readJwksFile(files.jwks);
  const key = jwks.keys.find((k) => k.kid === kid);
  if (key === undefined) {
    return false;
  }
  key.revoked = true;
  writeJwksFile(files.jwks, jwks);
  return true;
}
