import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createCertificateAuthority,
  issueCertificate,
  type IssuedCertificate,
} from '../src/pki/issue-certificate.ts';

/** Participant codes used by the benchmark. */
export const CODES = {
  broker: 'broker',
  ipress: '00009845',
  iafas: '10001',
  direct: 'bench-direct',
} as const;

/** A throw-away PKI: one CA and a certificate per participant, also written as PEM files. */
export interface BenchPki {
  readonly dir: string;
  readonly caPem: string;
  readonly broker: IssuedCertificate;
  readonly ipress: IssuedCertificate;
  readonly iafas: IssuedCertificate;
  /** The baseline client: a second certificate registered with kind `broker`. */
  readonly direct: IssuedCertificate;
  /** File paths of the broker's own certificate, key and the CA (for `Config.tls`). */
  readonly files: { readonly caFile: string; readonly certFile: string; readonly keyFile: string };
  remove(): Promise<void>;
}

/** Creates the CA and the four certificates in a fresh temporary directory. */
export async function createBenchPki(): Promise<BenchPki> {
  const dir = await mkdtemp(path.join(tmpdir(), 'siteds-bench-'));
  const ca = await createCertificateAuthority('siteds bench CA');
  const broker = await issueCertificate(ca, { code: CODES.broker, name: 'bench broker' });
  const ipress = await issueCertificate(ca, { code: CODES.ipress, name: 'bench IPRESS' });
  const iafas = await issueCertificate(ca, { code: CODES.iafas, name: 'bench IAFAS' });
  const direct = await issueCertificate(ca, { code: CODES.direct, name: 'bench direct client' });
  const files = {
    caFile: path.join(dir, 'ca.crt'),
    certFile: path.join(dir, 'broker.crt'),
    keyFile: path.join(dir, 'broker.key'),
  };
  await writeFile(files.caFile, ca.certPem);
  await writeFile(files.certFile, broker.certPem);
  await writeFile(files.keyFile, broker.keyPem, { mode: 0o600 });
  return {
    dir,
    caPem: ca.certPem,
    broker,
    ipress,
    iafas,
    direct,
    files,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
