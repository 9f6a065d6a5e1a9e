import { createHash, X509Certificate } from 'node:crypto';

/**
 * The SPKI pin of a certificate: base64 of SHA-256 over the DER SubjectPublicKeyInfo, the form
 * used by RFC 7469 (`pin-sha256`). Pins survive certificate renewal with the same key.
 */
export function spkiPin(cert: X509Certificate | string | Buffer): string {
  const x509 = cert instanceof X509Certificate ? cert : new X509Certificate(cert);
  const der = x509.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}
