import { readFileSync } from 'node:fs';
import type { SecureContextOptions, TlsOptions } from 'node:tls';
import type { Config } from '../config/config.ts';

/**
 * Server TLS settings: client certificates are required and verified by Node against the
 * configured CA (never by hand), TLS 1.2 at least, optional CRL. A missing file stops start-up.
 */
export function serverTlsOptions(config: Config): TlsOptions {
  const options: TlsOptions & SecureContextOptions = {
    key: readFileSync(config.tls.keyFile),
    cert: readFileSync(config.tls.certFile),
    ca: readFileSync(config.tls.caFile),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
  if (config.tls.crlFile !== undefined) {
    options.crl = readFileSync(config.tls.crlFile);
  }
  return options;
}

/** The broker's client certificate for outbound calls to insurers. */
export function clientTlsMaterial(config: Config): { cert: string; key: string; ca: string } {
  return {
    cert: readFileSync(config.tls.certFile, 'utf8'),
    key: readFileSync(config.tls.keyFile, 'utf8'),
    ca: readFileSync(config.tls.caFile, 'utf8'),
  };
}
