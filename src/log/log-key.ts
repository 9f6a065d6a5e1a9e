import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeVerifierKey } from './merkle/note.ts';
import type { LogSigner } from './sequencer.ts';

/** Writes a new Ed25519 log key (PKCS#8 PEM, mode 0600). */
export function writeLogKey(file: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
}

/** The log's signer from its key file; the key name is the origin (c2sp.org/tlog-checkpoint). */
export function loadLogSigner(file: string, origin: string): LogSigner {
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${file}: the log key must be Ed25519`);
  }
  return { origin, keyName: origin, privateKey };
}

/** The published verifier key (c2sp.org/signed-note `<name>+<hex id>+<base64 key>`). */
export function verifierKeyOf(signer: LogSigner): string {
  return encodeVerifierKey(signer.keyName, createPublicKey(signer.privateKey));
}
