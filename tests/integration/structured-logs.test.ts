import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

describe('structured logs', () => {
  const lines: Record<string, unknown>[] = [];
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({
      store: 'postgres',
      logStream: {
        write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
      },
    });
  });
  afterAll(async () => broker.close());

  it('carry the request id and the participant, and never the payload', async () => {
    const body = JSON.stringify(
      buildEligibilityRequest({ ipress: '00019049', iafas: '99999', dni: '41000002' }),
    );
    const res = await broker
      .client('00019049')
      .post('/fhir/CoverageEligibilityRequest/$submit', 'application/fhir+json', body);
    expect(res.status).toBe(422);
    const requestLines = lines.filter((l) => l.reqId !== undefined);
    expect(requestLines.length).toBeGreaterThanOrEqual(3); // incoming, refused, completed
    const completed = requestLines.find((l) => l.msg === 'request completed');
    expect(completed).toMatchObject({ participant: '00019049', res: { statusCode: 422 } });
    expect(requestLines.find((l) => l.msg === 'request refused')).toMatchObject({
      participant: '00019049',
      code: 'BRK_ROUTE_UNKNOWN_INSURER',
    });
    const all = JSON.stringify(lines);
    expect(all).not.toContain('41000002');
    expect(all).not.toContain('CoverageEligibilityRequest"');
    expect(all).not.toContain('content-type');
  });
});
