import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/audit/replay/run-replay.ts';
import { freshDatabase } from '../helpers/fresh-database.ts';
import { parseEr7 } from '../../src/formats/hl7v2/parse-er7.ts';
import { keyFilesOf } from '../../src/jose/key-files.ts';
import { loadSigningKey } from '../../src/jose/signing-key.ts';
import { detachZsg } from '../../src/jose/zsg-segment.ts';
import { signZsg } from '../../src/jose/zsg-signature.ts';
import type { LogEntry } from '../../src/log/message-log.ts';
import { openMllpConnection, type MllpConnection } from '../../src/transport/mllp/send-mllp.ts';
import { rqiFor } from '../helpers/hl7-messages.ts';
import { testRegistry } from '../helpers/mllp-harness.ts';
import { verifyMessage } from '../../src/jose/verify-message.ts';
import type { Participant } from '../../src/registry/participant.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

describe('HL7 v2 over MLLP/TLS: the broker listener (RQI^I01 → RPI^I01, ZSG both ways)', () => {
  let broker: TestBroker;
  let conn: MllpConnection;
  const pem = (file: string) => readFileSync(path.join(broker.pkiDir, file));

  /** An RQI signed as `ipress` with a final ZSG (aud broker, jti its MSH-10). */
  async function signedRqi(ipress: string, rqi: string, controlId: string): Promise<Buffer> {
    const signer = loadSigningKey(keyFilesOf(broker.pkiDir, ipress).activeKey);
    return signZsg({ selfCode: ipress, signer }, Buffer.from(rqi), {
      aud: 'broker',
      jti: controlId,
    });
  }

  /** The log entries of the MLLP exchange whose broker answer has MSH-10 `controlId`. */
  async function entriesOf(controlId: string): Promise<LogEntry[]> {
    const rows = await broker.store.query<{ correlation_id: string }>(
      `SELECT DISTINCT correlation_id FROM message_log
        WHERE route = 'hl7v2.mllp' AND replace(correlation_id::text, '-', '') LIKE $1`,
      [`${controlId}%`],
    );
    expect(rows).toHaveLength(1);
    return broker.log.findByCorrelation(rows[0]?.correlation_id ?? '');
  }

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('hl7v2_mllp'); // the replay below reads the whole log
    broker = await startTestBroker({ store: 'postgres', mllp: true, databaseUrl });
    conn = await openMllpConnection({
      host: 'localhost',
      port: broker.mllpPort ?? 0,
      tls: { cert: pem('00009845.crt'), key: pem('00009845.key'), ca: pem('ca.crt') },
    });
  });
  afterAll(async () => {
    await conn.close();
    await broker.close();
  });

  it('answers a signed RQI with a signed RPI^I01, logged in wire and canonical forms', async () => {
    const rqi = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'M-1' });
    const answer = await conn.send(await signedRqi('00009845', rqi, 'M-1'));
    const { payload, signature } = detachZsg(answer);
    // the broker's ZSG verifies over the RPI bytes: its key, sub broker, aud this IPRESS
    const registry = testRegistry(broker.pkiDir);
    const verified = await verifyMessage(signature, payload, registry, {
      sender: registry.findByCode('broker') as Participant,
      audience: '00009845',
      windowSeconds: 300,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    expect(verified.kid).toBeDefined();
    const rpi = parseEr7(payload);
    expect(rpi.header.field(9).raw).toBe('RPI^I01^RPI_I01');
    expect(rpi.segment('MSA')?.toString()).toBe('MSA|AA|M-1');
    expect(rpi.segment('IN1')?.field(45).value).toBe('Y');
    const entries = await entriesOf(rpi.header.field(10).value);
    expect(entries.map((e) => e.kind)).toEqual([
      'request-in',
      'request-canonical',
      'request-out',
      'response-in',
      'response-out',
    ]);
    expect(
      detachZsg((await broker.log.readPayload(entries[0]?.id ?? '')) ?? Buffer.alloc(0)).signature,
    ).toBeDefined();
    const last = entries[4];
    expect((await broker.log.readPayload(last?.id ?? ''))?.equals(answer)).toBe(true);
    expect(last?.verdicts).toMatchObject({ request: { result: 'valid' } });
  });

  it('MLLP both ways: a v2 hospital asks the v2 insurer (20008), each hop signed with a ZSG', async () => {
    const rqi = rqiFor({ ipress: '00009845', iafas: '20008', dni: '48000001', controlId: 'M-5' });
    const answer = await conn.send(await signedRqi('00009845', rqi, 'M-5'));
    const rpi = parseEr7(detachZsg(answer).payload);
    expect(rpi.segment('MSA')?.toString()).toBe('MSA|AA|M-5');
    expect(rpi.segment('IN1')?.field(2).component(1).value).toBe('EPS-VITAL');
    // the insurer's copays came as NTE text, which the canonical form cannot hold: reported
    expect(rpi.segment('NTE', 2)).toBeUndefined();
    const entries = await entriesOf(rpi.header.field(10).value);
    const out = entries.find((e) => e.kind === 'request-out');
    expect(out?.recipient).toBe('20008');
    expect(entries.find((e) => e.kind === 'response-in')?.signature).toBeDefined();
    expect(entries.at(-1)?.verdicts).toMatchObject({
      request: { result: 'valid' },
      answer: { result: 'valid' },
      answerMapping: { result: 'lossy', detail: expect.stringContaining('NTE[2]-3') as string },
    });
  });

  it('answers several messages on one connection in order: AE with every ERR, then AA', async () => {
    const bad = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'M-2' })
      .replace('||19850312|F', '||1985-03-12|X')
      .replace('IN1|1|SIS-GRAT^SIS Gratuito^99PLN|', 'IN1|1||');
    const good = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'M-3' });
    const [first, second] = await Promise.all([
      conn.send(await signedRqi('00009845', bad, 'M-2')),
      conn.send(await signedRqi('00009845', good, 'M-3')),
    ]);
    const ack = parseEr7(detachZsg(first).payload);
    expect(ack.segment('MSA')?.toString()).toBe('MSA|AE|M-2');
    expect(ack.segmentsNamed('ERR').map((e) => e.field(2).raw)).toEqual(
      expect.arrayContaining(['PID^1^7^1^1', 'PID^1^8^1', 'IN1^1^2^1']),
    );
    expect(detachZsg(first).signature).toBeDefined();
    const rpi = parseEr7(detachZsg(second).payload);
    expect(rpi.segment('MSA')?.toString()).toBe('MSA|AA|M-3');
    const entries = await entriesOf(ack.header.field(10).value);
    expect(entries.map((e) => [e.kind, e.errorCode])).toEqual([
      ['request-in', null],
      ['response-out', 'BRK_HL7_PROFILE'],
    ]);
  });

  it('refuses an unsigned message with AR BRK_SIG_MISSING and a bad signature with AR too', async () => {
    const rqi = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'M-4' });
    const unsigned = parseEr7(detachZsg(await conn.send(rqi)).payload);
    expect(unsigned.segment('MSA')?.toString()).toBe('MSA|AR|M-4');
    expect(unsigned.segment('ERR')?.field(5).component(1).value).toBe('BRK_SIG_MISSING');
    const other = await signedRqi('00019049', rqi, 'M-4'); // another IPRESS's key
    const wrongKey = parseEr7(detachZsg(await conn.send(other)).payload);
    expect(wrongKey.segment('MSA')?.field(1).value).toBe('AR');
    expect(wrongKey.segment('ERR')?.field(5).component(1).value).toMatch(/^BRK_SIG_/);
  });

  it("signs and logs the listener's own refusals: unknown certificate, unreadable frame", async () => {
    const stranger = await openMllpConnection({
      host: 'localhost',
      port: broker.mllpPort ?? 0,
      tls: { cert: pem('stranger.crt'), key: pem('stranger.key'), ca: pem('ca.crt') },
    });
    const rqi = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'M-9' });
    const refused = await stranger.send(rqi);
    await stranger.close().catch(() => undefined);
    const garbage = await conn.send(Buffer.from('esto no es HL7'));
    for (const [answer, code] of [
      [refused, 'BRK_AUTH_UNKNOWN_CERTIFICATE'],
      [garbage, 'BRK_HL7_PARSE'],
    ] as const) {
      const { payload, signature } = detachZsg(answer);
      expect(signature).toBeDefined();
      const ack = parseEr7(payload);
      expect(ack.segment('MSA')?.field(1).value).toBe('AR');
      expect(ack.segment('ERR')?.field(5).component(1).value).toBe(code);
      const rows = await broker.store.query<{ correlation_id: string }>(
        `SELECT correlation_id::text FROM message_log
          WHERE route = 'hl7v2.mllp' AND kind = 'response-out' AND error_code = $1`,
        [code],
      );
      expect(rows.length).toBeGreaterThan(0);
      const entries = await broker.log.findByCorrelation(rows.at(-1)?.correlation_id ?? '');
      expect(entries.map((e) => e.kind)).toEqual(['request-in', 'response-out']);
    }
  });
  it('a dry replay recomputes the MLLP exchanges (ZSG set aside) with no difference', async () => {
    const res = await broker.client('auditor-test').post(
      '/audit/replay',
      'application/json',
      JSON.stringify({
        id: crypto.randomUUID(),
        from: new Date(Date.now() - 600_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
        mode: 'dry',
      }),
      { sign: false },
    );
    expect(res.status).toBe(200);
    const report = JSON.parse(res.body.toString()) as ReplayReport;
    const mllp = await broker.store.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM message_log WHERE kind = 'request-in' AND route = 'hl7v2.mllp'`,
    );
    expect(Number(mllp[0]?.n)).toBeGreaterThan(2);
    expect(report.replayed).toBeGreaterThanOrEqual(Number(mllp[0]?.n));
    expect(report.differences).toEqual([]);
  });
});
