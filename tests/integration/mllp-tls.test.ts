import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAck } from '../../src/formats/hl7v2/build-ack.ts';
import { keyFilesOf } from '../../src/jose/key-files.ts';
import { createMemoryReplayGuard } from '../../src/jose/replay-guard.ts';
import { loadSigningKey } from '../../src/jose/signing-key.ts';
import { signZsg, verifyZsg } from '../../src/jose/zsg-signature.ts';
import { parseEr7 } from '../../src/formats/hl7v2/parse-er7.ts';
import { createMllpServer } from '../../src/transport/mllp/create-mllp-server.ts';
import { frameMessage } from '../../src/transport/mllp/frame.ts';
import { sendMllp } from '../../src/transport/mllp/send-mllp.ts';
import { startMllpHarness, testRegistry, type MllpHarness } from '../helpers/mllp-harness.ts';
import { hl7Vector } from '../unit/hl7v2/vectors.ts';

const RQI = hl7Vector('rqi-i01-two-insurers.er7').toString('utf8');
const rqi = (id: string): string => RQI.replace('|MSG0001|', `|${id}|`);

/** MSA-1, MSA-2 and the ERR-5 codes of an answer. */
function summary(answer: Buffer): string[] {
  const ack = parseEr7(answer);
  const errs = ack.segmentsNamed('ERR').map((e) => e.field(5).value);
  return [
    ack.segment('MSA')?.field(1).value ?? '',
    ack.segment('MSA')?.field(2).value ?? '',
    ...errs,
  ];
}

describe('MLLP over TLS', () => {
  let h: MllpHarness;
  beforeAll(async () => {
    h = await startMllpHarness({ limits: { maxFrameBytes: 4000 } });
  });
  afterAll(async () => h.close());

  it('answers several messages on one connection in order, logging each frame before reading it', async () => {
    const conn = await h.connect('00009845');
    const answers = await Promise.all(['M1', 'M2', 'M3'].map((id) => conn.send(rqi(id))));
    await conn.close();
    expect(answers.map(summary)).toEqual([
      ['AA', 'M1'],
      ['AA', 'M2'],
      ['AA', 'M3'],
    ]);
    expect(h.record.events.slice(-6)).toEqual([
      'log:frame:1',
      'message:1',
      'log:frame:2',
      'message:2',
      'log:frame:3',
      'message:3',
    ]);
    const last = h.record.messages.at(-1);
    expect(last?.participant.code).toBe('00009845');
    expect(last?.raw.equals(Buffer.from(rqi('M3')))).toBe(true);
    expect(last?.logged).toBe(3);
  });

  it('reassembles a frame written one byte at a time, and splits two frames sent in one write', async () => {
    const conn = await h.connect('00019049');
    const framed = frameMessage(rqi('B1'));
    for (const byte of framed) {
      await conn.write(Buffer.from([byte]));
    }
    expect(summary(await conn.receive())).toEqual(['AA', 'B1']);
    await conn.write(Buffer.concat([frameMessage(rqi('B2')), frameMessage(rqi('B3'))]));
    expect([summary(await conn.receive()), summary(await conn.receive())]).toEqual([
      ['AA', 'B2'],
      ['AA', 'B3'],
    ]);
    await conn.close();
  });

  it('answers an oversized frame AR (addressed by its MSH), skips it, and keeps the connection', async () => {
    const conn = await h.connect('00009845');
    const big = `${rqi('BIG1')}NTE|1||${'x'.repeat(5000)}\r`;
    expect(summary(await conn.send(big))).toEqual(['AR', 'BIG1', 'BRK_REQUEST_TOO_LARGE']);
    expect(summary(await conn.send(rqi('AFTER-BIG')))).toEqual(['AA', 'AFTER-BIG']);
    await conn.close();
    const logged = h.record.raw.find((r) => r.kind === 'oversized');
    expect(logged?.size).toBe(Buffer.byteLength(big));
  });

  it('logs garbage between frames without answering it, answers a frame of garbage AR, and goes on', async () => {
    const conn = await h.connect('00009845');
    await conn.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    await conn.write(frameMessage('this is not HL7'));
    expect(summary(await conn.receive())).toEqual(['AR', '', 'BRK_HL7_PARSE']);
    expect(summary(await conn.send(rqi('AFTER-GARBAGE')))).toEqual(['AA', 'AFTER-GARBAGE']);
    await conn.close();
    const garbage = h.record.raw.find((r) => r.kind === 'garbage');
    expect(garbage?.bytes.toString()).toBe('GET / HTTP/1.1\r\n\r\n');
    expect(h.record.logs.some((l) => l.msg.includes('outside a frame'))).toBe(true);
  });

  it('answers a profile violation AE with one ERR per problem at its location', async () => {
    const bad = rqi('BAD1')
      .replace('PID|1||41000001', 'PID|1||')
      .replace('|19850312|F', '|19850312|Q')
      .replace('IN1|2|', 'IN1|X|');
    const conn = await h.connect('00009845');
    const ack = parseEr7(await conn.send(bad));
    await conn.close();
    expect(ack.segment('MSA')?.field(1).value).toBe('AE');
    expect(
      ack.segmentsNamed('ERR').map((e) => `${e.field(2).raw} ${e.field(3).component(1).value}`),
    ).toEqual(['PID^1^3^1^1 101', 'PID^1^8^1 103', 'IN1^2^1^1 102']);
  });

  it('refuses a certificate of our CA that no participant holds: AR, then closes', async () => {
    const conn = await h.connect('stranger');
    expect(summary(await conn.send(rqi('S1')))).toEqual([
      'AR',
      'S1',
      'BRK_AUTH_UNKNOWN_CERTIFICATE',
    ]);
    await conn.closed;
    expect(h.record.messages.some((m) => m.raw.includes('S1'))).toBe(false);
    expect(
      h.record.raw.some(
        (r) => r.bytes.includes('|S1|') && r.identity.error === 'BRK_AUTH_UNKNOWN_CERTIFICATE',
      ),
    ).toBe(true);
  });

  it('still logs, but neither processes nor answers, frames queued behind a refusal', async () => {
    const conn = await h.connect('stranger');
    await conn.write(Buffer.concat([frameMessage(rqi('S2')), frameMessage(rqi('S3'))]));
    expect(summary(await conn.receive())).toEqual(['AR', 'S2', 'BRK_AUTH_UNKNOWN_CERTIFICATE']);
    await conn.closed;
    await expect(conn.receive()).rejects.toThrow(/closed/);
    const s3 = h.record.raw.find((r) => r.bytes.includes('|S3|'));
    expect(s3?.kind).toBe('frame');
    expect(h.record.messages.some((m) => m.raw.includes('|S3|'))).toBe(false);
  });

  it('refuses a suspended participant the same way', async () => {
    const conn = await h.connect('00027320');
    expect(summary(await conn.send(rqi('SUSP')))).toEqual([
      'AR',
      'SUSP',
      'BRK_AUTH_PARTICIPANT_SUSPENDED',
    ]);
    await conn.closed;
  });

  it.each([
    ['no client certificate', undefined],
    ['a certificate from another CA', 'foreign'],
  ])('fails the handshake with %s', async (_name, file) => {
    const outcome = await h.connect(file).then(
      async (conn) =>
        conn.send(rqi('NOPE')).then(
          () => 'answered',
          (e: unknown) => (e as Error).message,
        ),
      (e: unknown) => (e as Error).message,
    );
    // TLS 1.3: the client may finish its side first; the server's alert then ends the connection.
    expect(outcome).not.toBe('answered');
    expect(h.record.logs.some((l) => l.msg === 'MLLP TLS handshake refused')).toBe(true);
    expect(h.record.raw.some((r) => r.bytes.includes('|NOPE|'))).toBe(false);
  });

  it('sendMllp sends a batch on one connection and returns the answers', async () => {
    const pem = (f: string) => readPem(h.pkiDir, f);
    const answers = await sendMllp(
      {
        host: '127.0.0.1',
        port: h.port,
        tls: {
          ca: pem('ca.crt'),
          cert: pem('00009845.crt'),
          key: pem('00009845.key'),
          servername: 'localhost',
        },
      },
      [rqi('C1'), rqi('C2')],
    );
    expect(answers.map(summary)).toEqual([
      ['AA', 'C1'],
      ['AA', 'C2'],
    ]);
  });
});

describe('ZSG signatures over MLLP/TLS', () => {
  it('verifies the IPRESS ZSG with the key of the certificate participant and signs the answer', async () => {
    const pkiDir = inject('pkiDir');
    const registry = testRegistry(pkiDir);
    const ctx = (code: string) => ({
      selfCode: code,
      signer: loadSigningKey(keyFilesOf(pkiDir, code).activeKey),
      registry,
      replay: createMemoryReplayGuard(),
      windowSeconds: 300,
      now: () => Math.floor(Date.now() / 1000),
    });
    const atBroker = ctx('broker');
    const h = await startMllpHarness({
      onMessage: async (msg) => {
        const { payload, signature } = await verifyZsg(atBroker, msg.raw, msg.participant);
        const ack = buildAck(parseEr7(payload).header, 'AA', [], {
          controlId: `A-${signature?.jti ?? ''}`,
          now: new Date(),
        });
        return signZsg(atBroker, ack.toBuffer(), {
          aud: msg.participant.code,
          jti: `A-${signature?.jti ?? ''}`,
        });
      },
    });
    try {
      const atClinic = ctx('00009845');
      const conn = await h.connect('00009845');
      const signed = await signZsg(atClinic, Buffer.from(rqi('Z1')), { aud: 'broker', jti: 'Z1' });
      const answer = await conn.send(signed);
      const verified = await verifyZsg(atClinic, answer, registry.findByCode('broker')!);
      expect(summary(verified.payload)).toEqual(['AA', 'Z1']);
      expect(verified.signature?.jti).toBe('A-Z1');
      const seen = h.record.messages[0];
      expect(seen?.message.segments.map((x) => x.name)).not.toContain('ZSG');
      expect([seen?.payload.toString(), seen?.zsg?.includes('..')]).toEqual([rqi('Z1'), true]);
      // The same signed bytes again: the jti was seen, so the broker refuses the replay.
      expect(summary(await conn.send(signed))).toEqual(['AR', 'Z1', 'BRK_SIG_REPLAYED']);
      // A key that is not the connection's participant's: refused.
      const foreign = await signZsg(ctx('00019049'), Buffer.from(rqi('Z2')), {
        aud: 'broker',
        jti: 'Z2',
      });
      expect(summary(await conn.send(foreign))).toEqual(['AR', 'Z2', 'BRK_SIG_KEY_FOREIGN']);
      await conn.close();
    } finally {
      await h.close();
    }
  });
});

describe('MLLP limits and the write-ahead rule', () => {
  it('will not start without required, verified client certificates', () => {
    const base = {
      identify: () => ({ error: 'BRK_AUTH_UNKNOWN_CERTIFICATE' as const, pin: undefined }),
      logRaw: () => Promise.resolve(undefined),
      onMessage: () => Promise.resolve(Buffer.alloc(0)),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    expect(() => createMllpServer({ ...base, tls: { requestCert: true } })).toThrow(
      /rejectUnauthorized/,
    );
    expect(() => createMllpServer({ ...base, tls: { rejectUnauthorized: true } })).toThrow(
      /requestCert/,
    );
  });

  it('closes an idle connection', async () => {
    const h = await startMllpHarness({ limits: { idleTimeoutMs: 300 } });
    try {
      const conn = await h.connect('00009845');
      expect(summary(await conn.send(rqi('I1')))).toEqual(['AA', 'I1']);
      await conn.closed; // the server ends it; the test would time out otherwise
      expect(h.record.logs.some((l) => l.msg.includes('idle'))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('does not process a frame it could not log: AE BRK_STORE_UNAVAILABLE, and the connection stays', async () => {
    let fail = true;
    const h = await startMllpHarness({
      logRaw: () => (fail ? Promise.reject(new Error('database down')) : Promise.resolve(1)),
    });
    try {
      const conn = await h.connect('00009845');
      expect(summary(await conn.send(rqi('W1')))).toEqual(['AE', 'W1', 'BRK_STORE_UNAVAILABLE']);
      fail = false;
      expect(summary(await conn.send(rqi('W2')))).toEqual(['AA', 'W2']);
      await conn.close();
      expect(h.record.messages.map((m) => m.message.header.field(10).value)).toEqual(['W2']);
    } finally {
      await h.close();
    }
  });
});

function readPem(dir: string, file: string): Buffer {
  return readFileSync(path.join(dir, file));
}
