import type { CoverageEligibilityResponse, DocumentReference } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  linkHtaReports,
  type HtaReportLookup,
  type Technology,
} from '../../../src/eligibility/link-hta-reports.ts';
import { HTA } from '../../../src/hta/hta-report.ts';
import type { Exchange } from '../../../src/pipeline/exchange.ts';

/**
 * The step on its own, with an in-memory lookup standing in for the HTA store (the store itself
 * is exercised in tests/integration/hta-link.test.ts over PostgreSQL).
 */
const REPORT: DocumentReference = {
  resourceType: 'DocumentReference',
  id: 'r2',
  status: 'current',
  identifier: [{ system: `${HTA.institutionSystem}/renetsa-x`, value: 'ETS-1' }],
  description: 'Informe de prueba',
  extension: [{ url: HTA.reportVersion, valueString: '2.0' }],
  content: [{ attachment: { url: 'Binary/b' } }],
};

function lookupOf(reports: Record<string, DocumentReference>, asked: Technology[] = []) {
  const lookup: HtaReportLookup = {
    findCurrent: (t) => {
      asked.push(t);
      return Promise.resolve(reports[`${t.system ?? ''}|${t.code}`]);
    },
    publicBase: () => 'https://hta.example.pe/hta',
  };
  return lookup;
}

function exchangeWith(...codes: { system?: string; code: string }[][]): Exchange {
  const answer: CoverageEligibilityResponse = {
    resourceType: 'CoverageEligibilityResponse',
    status: 'active',
    purpose: ['benefits'],
    patient: { identifier: { value: '42000002' } },
    created: '2026-11-27',
    request: { identifier: { value: 'x' } },
    outcome: 'complete',
    insurer: { identifier: { value: '20001' } },
    insurance: [
      {
        coverage: { reference: '#c' },
        inforce: true,
        item: [{ name: 'Plan' }, ...codes.map((coding) => ({ productOrService: { coding } }))],
      },
    ],
  };
  return { verdicts: {}, answerResource: answer } as unknown as Exchange;
}

const itemsOf = (x: Exchange) =>
  (x.answerResource as CoverageEligibilityResponse).insurance?.[0]?.item ?? [];

describe('linkHtaReports', () => {
  it('links the first coding with a current report, records it, and marks the answer amended', async () => {
    const asked: Technology[] = [];
    const x = exchangeWith([
      { system: HTA.atc, code: 'L04AB02' },
      { system: HTA.digemid, code: 'D-1' },
    ]);
    await linkHtaReports(lookupOf({ [`${HTA.digemid}|D-1`]: REPORT }, asked))(x);
    expect(asked).toEqual([
      { system: HTA.atc, code: 'L04AB02' },
      { system: HTA.digemid, code: 'D-1' },
    ]);
    expect(itemsOf(x)[1]?.extension).toEqual([
      {
        url: HTA.reportReference,
        valueReference: {
          reference: 'https://hta.example.pe/hta/fhir/DocumentReference/r2',
          type: 'DocumentReference',
          identifier: REPORT.identifier?.[0],
          display: 'ETS-1 v2.0: Informe de prueba — https://hta.example.pe/hta/reports/r2',
        },
      },
    ]);
    expect(itemsOf(x)[0]?.extension).toBeUndefined();
    expect(x.answerAmended).toBe('hta-link');
    expect(x.verdicts.htaLink).toEqual({
      result: 'linked',
      detail: `insurance[0].item[1] ${HTA.digemid}|D-1 → DocumentReference/r2`,
    });
  });

  it('changes nothing when no item has a report, and says so', async () => {
    const x = exchangeWith([{ system: HTA.atc, code: 'L04AB02' }]);
    const before = JSON.stringify(x.answerResource);
    await linkHtaReports(lookupOf({}))(x);
    expect(JSON.stringify(x.answerResource)).toBe(before);
    expect(x.answerAmended).toBeUndefined();
    expect(x.verdicts.htaLink).toEqual({
      result: 'none',
      detail: 'no current report for insurance[0].item[1]',
    });
  });

  it('leaves the answer untouched when the store fails on any item', async () => {
    const x = exchangeWith([{ system: HTA.atc, code: 'A' }], [{ system: HTA.atc, code: 'B' }]);
    const before = JSON.stringify(x.answerResource);
    const failing: HtaReportLookup = {
      findCurrent: (t) =>
        t.code === 'A' ? Promise.resolve(REPORT) : Promise.reject(new Error('connection reset')),
      publicBase: () => 'https://hta.example.pe/hta',
    };
    await linkHtaReports(failing)(x);
    expect(JSON.stringify(x.answerResource)).toBe(before);
    expect(x.answerAmended).toBeUndefined();
    expect(x.verdicts.htaLink).toEqual({
      result: 'error',
      detail: 'lookup failed: connection reset',
    });
  });

  it('records nothing for an answer without coded items', async () => {
    const x = exchangeWith();
    await linkHtaReports(lookupOf({}))(x);
    expect(x.verdicts).toEqual({});
  });
});
