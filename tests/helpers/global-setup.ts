import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createCertificateAuthority, issueCertificate } from '../../src/pki/issue-certificate.ts';
import { TEST_PARTICIPANTS } from './participants.ts';
import { addSigningKey, keyFilesOf } from '../../src/jose/key-files.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Test PKI: `ca.crt`, `<code>.crt|.key|.sig.pem|.jwks.json`, plus `foreign.*`, `expired.*`, `stranger.*`. */
    pkiDir: string;
    /** A PostgreSQL database created for this run (dropped at the end). */
    databaseUrl: string;
  }
}

const ADMIN_URL = process.env.SITEDS_TEST_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs once per `npm test`: generates a fresh PKI (certificates made at test time, never
 * committed) and a fresh PostgreSQL database, and removes both afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pkiDir = mkdtempSync(path.join(tmpdir(), 'siteds-test-pki-'));
  await writeTestPki(pkiDir);
  const dbName = `siteds_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  project.provide('pkiDir', pkiDir);
  project.provide('databaseUrl', url.toString());
  return async () => {
    rmSync(pkiDir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    const { rows } = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)',
      [dbName, `${dbName}_`],
    );
    for (const { datname } of rows) {
      await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await c.end();
  };
}

async function writeTestPki(dir: string): Promise<void> {
  const ca = await createCertificateAuthority('siteds test CA');
  writeFileSync(path.join(dir, 'ca.crt'), ca.certPem);
  for (const p of TEST_PARTICIPANTS) {
    const issued = await issueCertificate(ca, p);
    writeFileSync(path.join(dir, `${p.code}.crt`), issued.certPem);
    writeFileSync(path.join(dir, `${p.code}.key`), issued.keyPem);
    addSigningKey(keyFilesOf(dir, p.code), true);
  }
  // Same code as a registered IPRESS, but issued by another CA: must fail the handshake.
  const foreign = await createCertificateAuthority('foreign CA');
  const forged = await issueCertificate(foreign, { code: '00009845', name: 'Impostor' });
  writeFileSync(path.join(dir, 'foreign.crt'), forged.certPem);
  writeFileSync(path.join(dir, 'foreign.key'), forged.keyPem);
  // Issued by our CA but expired yesterday.
  const expired = await issueCertificate(ca, {
    code: '00009845',
    name: 'Expired',
    notBefore: new Date(Date.now() - 10 * 86_400_000),
    notAfter: new Date(Date.now() - 86_400_000),
  });
  writeFileSync(path.join(dir, 'expired.crt'), expired.certPem);
  writeFileSync(path.join(dir, 'expired.key'), expired.keyPem);
  // Issued by our CA, valid, but its key is in no registry entry.
  const stranger = await issueCertificate(ca, { code: '00055555', name: 'Unregistered clinic' });
  writeFileSync(path.join(dir, 'stranger.crt'), stranger.certPem);
  writeFileSync(path.join(dir, 'stranger.key'), stranger.keyPem);
}
