import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { buildAck } from '../../src/formats/hl7v2/build-ack.ts';
import type { Hl7Message } from '../../src/formats/hl7v2/message.ts';
import { checkHl7Message } from '../../src/formats/hl7v2/profile/check-hl7-message.ts';
import { loadHl7Profiles } from '../../src/formats/hl7v2/profile/load-hl7-profiles.ts';
import { keyFilesOf, readJwksFile } from '../../src/jose/key-files.ts';
import { readJwks } from '../../src/jose/participant-keys.ts';
import { spkiPin } from '../../src/pki/spki-pin.ts';
import { createRegistry, type Participant } from '../../src/registry/participant.ts';
import { createIdentifier } from '../../src/transport/identify-participant.ts';
import { createMllpServer } from '../../src/transport/mllp/create-mllp-server.ts';
import type {
  MllpLimits,
  MllpMessage,
  MllpRawBytes,
  MllpServerOptions,
} from '../../src/transport/mllp/mllp-types.ts';
import { openMllpConnection, type MllpConnection } from '../../src/transport/mllp/send-mllp.ts';
import { TEST_PARTICIPANTS } from './participants.ts';

/** What a test MLLP listener saw, in order. */
export interface MllpRecord {
  readonly events: string[];
  readonly raw: MllpRawBytes[];
  readonly messages: MllpMessage[];
  readonly logs: { level: string; obj: object; msg: string }[];
}

export interface MllpHarness {
  readonly port: number;
  readonly pkiDir: string;
  readonly record: MllpRecord;
  /** Opens a connection presenting `<pkiDir>/<file>.crt` (a participant code, `stranger`, `foreign`), or none. */
  connect(file: string | undefined): Promise<MllpConnection>;
  close(): Promise<void>;
}

/** The test registry: every test participant with the pin of its generated certificate. */
export function testRegistry(pkiDir: string) {
  const participants: Participant[] = TEST_PARTICIPANTS.map((p) => ({
    code: p.code,
    kind: p.kind,
    name: p.name,
    status: p.status,
    spkiPins: [spkiPin(readFileSync(path.join(pkiDir, `${p.code}.crt`)))],
    endpoint: undefined,
    signingKeys: readJwks(readJwksFile(keyFilesOf(pkiDir, p.code).jwks), p.code, []),
    signaturePolicy: 'required',
  }));
  return createRegistry(participants);
}

/**
 * A real MLLP/TLS listener on an ephemeral port with the test PKI: it checks each message
 * against the HL7 v2 profiles and answers AA, or lets the error become its ACK.
 */
export async function startMllpHarness(
  overrides: {
    limits?: Partial<MllpLimits>;
    logRaw?: MllpServerOptions['logRaw'];
    onMessage?: MllpServerOptions['onMessage'];
  } = {},
): Promise<MllpHarness> {
  const pkiDir = inject('pkiDir');
  const pem = (f: string): Buffer => readFileSync(path.join(pkiDir, f));
  const profiles = loadHl7Profiles();
  const record: MllpRecord = { events: [], raw: [], messages: [], logs: [] };
  const logger = Object.fromEntries(
    ['info', 'warn', 'error'].map((level) => [
      level,
      (obj: object, msg: string) => record.logs.push({ level, obj, msg }),
    ]),
  ) as unknown as MllpServerOptions['logger'];
  const server = createMllpServer({
    tls: {
      key: pem('broker.key'),
      cert: pem('broker.crt'),
      ca: pem('ca.crt'),
      requestCert: true,
      rejectUnauthorized: true,
    },
    identify: createIdentifier(testRegistry(pkiDir)),
    logRaw:
      overrides.logRaw ??
      ((raw) => {
        record.events.push(`log:${raw.kind}:${raw.sequence}`);
        record.raw.push(raw);
        return Promise.resolve(raw.sequence);
      }),
    onMessage: (msg): Promise<Hl7Message | Buffer> => {
      record.events.push(`message:${msg.sequence}`);
      record.messages.push(msg);
      if (overrides.onMessage !== undefined) {
        return overrides.onMessage(msg);
      }
      checkHl7Message(profiles, msg.message);
      return Promise.resolve(
        buildAck(msg.message.header, 'AA', [], { controlId: `A${msg.sequence}`, now: new Date() }),
      );
    },
    logger,
    limits: { idleTimeoutMs: 20_000, ...overrides.limits },
    self: { application: 'SITEDS', facility: 'BROKER' },
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    port,
    pkiDir,
    record,
    connect: (file) =>
      openMllpConnection({
        host: '127.0.0.1',
        port,
        tls: {
          ca: pem('ca.crt'),
          servername: 'localhost',
          ...(file === undefined ? {} : { cert: pem(`${file}.crt`), key: pem(`${file}.key`) }),
        },
        timeoutMs: 10_000,
      }),
    close: () => server.close(),
  };
}
