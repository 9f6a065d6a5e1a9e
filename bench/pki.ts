import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSigningKey } from '../src/jose/key-files.ts';
import { readJwks, type ParticipantKey } from '../src/jose/participant-keys.ts';
import { signingKeyFromPem, type SigningKey } from '../src/jose/signing-key.ts';
import {
  createCertificateAuthority,
  issueCertificate,
  type IssuedCertificate,
} from '../src/pki/issue-certificate.ts';
import { spkiPin } from '../src/pki/spki-pin.ts';
import type { Participant } from '../src/registry/participant.ts';

/** Participant codes used by the benchmark. */
export const CODES = {
  broker: 'broker',
  ipress: '00009845',
  iafas: '10001',
  direct: 'bench-direct',
} as const;

/** A fresh ES256 key: the private side for signing, the public side as the registry reads it. */
export interface BenchSigning {
  readonly signer: SigningKey;
  readonly signingKeys: readonly ParticipantKey[];
}

/** One benchmark participant: its TLS certificate and its JWS signing key. */
export interface BenchParty extends IssuedCertificate, BenchSigning {
  readonly code: string;
}

/** A throw-away PKI: one CA and a certificate per participant, also written as PEM files. */
export interface BenchPki {
  readonly dir: string;
  readonly caPem: string;
  readonly broker: BenchParty;
  readonly ipress: BenchParty;
  readonly iafas: BenchParty;
  /** The baseline client: a second certificate registered with kind `broker`. */
  readonly direct: BenchParty;
  /** File paths of the broker's own certificate, key and the CA (for `Config.tls`). */
  readonly files: { readonly caFile: string; readonly certFile: string; readonly keyFile: string };
  remove(): Promise<void>;
}

/** A new ES256 signing key, its public JWK read through the registry's own JWKS reader. */
export function createSigning(code: string): BenchSigning {
  const { pem, jwk } = generateSigningKey();
  const problems: string[] = [];
  const signingKeys = readJwks({ keys: [jwk] }, `bench ${code}`, problems);
  if (problems.length > 0 || signingKeys.length !== 1) {
    throw new Error(`bench signing key for ${code}: ${problems.join('; ')}`);
  }
  return { signer: signingKeyFromPem(pem), signingKeys };
}

/** The registry entry of a benchmark party: its certificate pin and its key, signatures required. */
export function participantOf(
  party: BenchParty,
  kind: Participant['kind'],
  endpointUrl?: string,
): Participant {
  return {
    code: party.code,
    kind,
    name: `bench ${party.code}`,
    status: 'active',
    spkiPins: [spkiPin(party.certPem)],
    endpoint:
      endpointUrl === undefined
        ? undefined
        : { url: endpointUrl, format: 'fhir', deadlineMs: 5000 },
    signingKeys: party.signingKeys,
    signaturePolicy: 'required',
  };
}

/** Creates the CA, the four certificates and the four signing keys in a fresh temporary directory. */
export async function createBenchPki(): Promise<BenchPki> {
  const dir = await mkdtemp(path.join(tmpdir(), 'siteds-bench-'));
  const ca = await createCertificateAuthority('siteds bench CA');
  const party = async (code: string, name: string): Promise<BenchParty> => ({
    code,
    ...(await issueCertificate(ca, { code, name })),
    ...createSigning(code),
  });
  const broker = await party(CODES.broker, 'bench broker');
  const ipress = await party(CODES.ipress, 'bench IPRESS');
  const iafas = await party(CODES.iafas, 'bench IAFAS');
  const direct = await party(CODES.direct, 'bench direct client');
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
