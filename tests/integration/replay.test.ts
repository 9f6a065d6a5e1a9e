import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/audit/replay/run-replay.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { freshDatabase } from '../helpers/fresh-database.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const SUBMIT = '/fhir/CoverageEligibilityRequest/$submit';
const FHIR = 'application/fhir+json';
const body = (ipress: string, iafas: string) =>
  JSON.stringify(buildEligibilityRequest({ ipress, iafas, dni: '41000001' }));

async function replay(broker: TestBroker, request: object): Promise<ReplayReport> {
  const res = await broker
    .client('auditor-test')
    .post('/audit/replay', 'application/json', JSON.stringify(request), {
      sign: false,
    });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()) as ReplayReport;
}

describe('replaying logged requests', () => {
  let databaseUrl: string;
  let broker: TestBroker;
  const from = new Date(Date.now() - 1000).toISOString();
  beforeAll(async () => {
    databaseUrl = await freshDatabase('replay');
    broker = await startTestBroker({ store: 'postgres', databaseUrl });
    const c = broker.client('00009845');
    expect((await c.post(SUBMIT, FHIR, body('00009845', '10001'))).status).toBe(200);
    expect((await c.post(SUBMIT, FHIR, body('00009845', '20001'))).status).toBe(200);
    expect((await c.post(SUBMIT, FHIR, body('00009845', '99999'))).status).toBe(422);
    expect((await c.post(SUBMIT, FHIR, body('00019049', '10001'))).status).toBe(403);
    expect((await c.post(SUBMIT, FHIR, body('00009845', '10001'), { sign: false })).status).toBe(
      401,
    );
    expect((await c.post(SUBMIT, 'text/plain', 'hola')).status).toBe(415);
    // Refused by the insurer's profile (status must be active): routed, never forwarded.
    const draft = JSON.parse(body('00009845', '10001')) as { entry: { resource: object }[] };
    draft.entry[0] = {
      ...draft.entry[0],
      resource: { ...draft.entry[0]?.resource, status: 'draft' },
    };
    expect((await c.post(SUBMIT, FHIR, JSON.stringify(draft))).status).toBe(422);
  });
  afterAll(async () => broker.close());

  it('dry: recomputes every decision, finds no difference, and appends linked entries', async () => {
    const id = crypto.randomUUID();
    const to = new Date(Date.now() + 1000).toISOString();
    const report = await replay(broker, { id, from, to, mode: 'dry', rate: 200 });
    expect(report).toMatchObject({ replayed: 7, same: 7, different: 0, alreadyRun: false });
    const rows = await broker.store.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM message_log WHERE kind = 'replay' AND replay_id = $1 AND replay_of IS NOT NULL",
      [id],
    );
    expect(rows[0]?.n).toBe('7');
    const again = await replay(broker, { id, from, to, mode: 'dry' });
    expect(again).toMatchObject({ replayed: 7, alreadyRun: true });
    const after = await broker.store.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM message_log WHERE kind = 'replay' AND replay_id = $1",
      [id],
    );
    expect(after[0]?.n).toBe('7'); // the second run added nothing
  });

  it('dry, against a registry where an insurer is now suspended: reports each difference', async () => {
    const changed = await startTestBroker({ store: 'postgres', databaseUrl, suspended: ['10001'] });
    try {
      const to = new Date(Date.now() + 1000).toISOString();
      const report = await replay(changed, {
        id: crypto.randomUUID(),
        from,
        to,
        mode: 'dry',
        rate: 200,
      });
      // The 10001 request answered 200 and the draft one refused by the profile are now refused at
      // routing; the 401 one keeps its logged verdict.
      expect(report.different).toBe(2);
      expect(report.differences[0]).toMatchObject({
        logged: { status: 200, errorCode: null, forwardedTo: '10001' },
        replayed: { status: 503, errorCode: 'BRK_ROUTE_INSURER_SUSPENDED', forwardedTo: null },
      });
      expect(report.differences[1]).toMatchObject({
        logged: { status: 422, errorCode: 'BRK_VALIDATION_FAILED', forwardedTo: null },
        replayed: { status: 503, errorCode: 'BRK_ROUTE_INSURER_SUSPENDED', forwardedTo: null },
      });
    } finally {
      await changed.close();
    }
  });

  it('live: sends each request to the target endpoint and diffs the answers', async () => {
    const to = new Date(Date.now() + 1000).toISOString();
    const report = await replay(broker, {
      id: crypto.randomUUID(),
      from,
      to,
      participant: '00009845',
      mode: 'live',
      target: { url: broker.endpoints['10001']!.url, insurer: '10001' },
      rate: 200,
    });
    expect(report.replayed).toBe(7); // all seven came from 00009845; only the valid one to 10001 is sent
    expect(report.different).toBe(0);
    const sent = await broker.store.query<{ payload: string }>(
      `SELECT convert_from(p.bytes, 'UTF8') AS payload FROM message_log m JOIN message_payload p ON p.entry_id = m.id
        WHERE m.kind = 'replay' AND m.replay_id = $1`,
      [report.id],
    );
    const live = sent.map(
      (r) => JSON.parse(r.payload) as { replayed: { answer?: { resourceType?: string } } },
    );
    expect(
      live.filter((r) => r.replayed.answer?.resourceType === 'CoverageEligibilityResponse'),
    ).toHaveLength(1);
  });

  it('is for auditors only, and names a bad request', async () => {
    const asClinic = await broker
      .client('00009845')
      .post('/audit/replay', 'application/json', '{}', { sign: false });
    expect(asClinic.status).toBe(403);
    const bad = await broker
      .client('auditor-test')
      .post('/audit/replay', 'application/json', '{"id":"x"}', { sign: false });
    expect(bad.status).toBe(422);
  });
});
