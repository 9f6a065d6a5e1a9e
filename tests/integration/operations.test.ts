import type { OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

describe('operations endpoints', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'pglite' });
  });
  afterAll(async () => broker.close());

  it('/healthz and /readyz answer while the store is up', async () => {
    const c = broker.client('00009845');
    expect(JSON.parse((await c.get('/healthz')).body.toString())).toEqual({ status: 'ok' });
    expect((await c.get('/readyz')).status).toBe(200);
  });

  it('/metrics counts requests by route, status and participant, with a latency histogram', async () => {
    const c = broker.client('00019049');
    const body = JSON.stringify(
      buildEligibilityRequest({ ipress: '00019049', iafas: '10001', dni: '41000002' }),
    );
    expect(
      (await c.post('/fhir/CoverageEligibilityRequest/$submit', 'application/fhir+json', body))
        .status,
    ).toBe(200);
    const text = (await c.get('/metrics')).body.toString();
    expect(text).toMatch(
      /siteds_requests_total\{route="fhir\.eligibility\.submit",status="200",participant="00019049"\} 1/,
    );
    expect(text).toMatch(
      /siteds_request_duration_seconds_count\{route="fhir\.eligibility\.submit"\} 1/,
    );
  });

  it('the message log is readable by an auditor, without payloads', async () => {
    const res = await broker.client('auditor-test').get('/audit/log?limit=4');
    expect(res.status).toBe(200);
    const { entries } = JSON.parse(res.body.toString()) as { entries: Record<string, unknown>[] };
    expect(entries.map((e) => e.kind)).toEqual([
      'request-in',
      'request-out',
      'response-in',
      'response-out',
    ]);
    expect(Object.keys(entries[0] ?? {})).not.toContain('payload');
  });

  it('/readyz is 503 when the store is gone', async () => {
    await broker.store.close();
    const res = await broker.client('00009845').get('/readyz');
    expect(res.status).toBe(503);
    expect(codeOf(res.body)).toBe('BRK_STORE_UNAVAILABLE');
  });

  it('fails closed: with no log to write to, a request is refused (503), not forwarded', async () => {
    const body = JSON.stringify(
      buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' }),
    );
    const res = await broker
      .client('00009845')
      .post('/fhir/CoverageEligibilityRequest/$submit', 'application/fhir+json', body);
    expect(res.status).toBe(503);
    expect(codeOf(res.body)).toBe('BRK_STORE_UNAVAILABLE');
  });
});

function codeOf(body: Buffer): string | undefined {
  const oo = JSON.parse(body.toString()) as OperationOutcome;
  return oo.issue[0]?.details?.coding?.[0]?.code;
}
