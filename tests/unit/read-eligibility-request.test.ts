import type { CoverageEligibilityRequest, Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import type { BrokerError } from '../../src/errors/broker-error.ts';
import { SYSTEMS } from '../../src/formats/fhir/identifier-systems.ts';
import { parseFhirJson } from '../../src/formats/fhir/parse-fhir-json.ts';
import { readEligibilityRequest } from '../../src/formats/fhir/read-eligibility-request.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';

function issuesOf(fn: () => unknown): { code: string; expressions: (string | undefined)[] } {
  try {
    fn();
  } catch (err) {
    const e = err as BrokerError;
    return { code: e.code, expressions: e.issues.map((i) => i.expression) };
  }
  throw new Error('expected a BrokerError');
}

describe('readEligibilityRequest', () => {
  it('reads a Bundle with urn:uuid references', () => {
    const q = readEligibilityRequest(
      buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' }),
    );
    expect([q.dni, q.insurerCode, q.providerCode]).toEqual(['41000001', '10001', '00009845']);
  });

  it('reads logical references (identifier only) without contained resources', () => {
    const request: CoverageEligibilityRequest = {
      resourceType: 'CoverageEligibilityRequest',
      status: 'active',
      purpose: ['validation'],
      created: '2026-11-27',
      patient: { identifier: { system: SYSTEMS.dni, value: '42000001' } },
      insurer: { identifier: { system: SYSTEMS.iafas, value: '20001' } },
      provider: { identifier: { system: SYSTEMS.renipress, value: '00019049' } },
    };
    const q = readEligibilityRequest(request);
    expect([q.dni, q.insurerCode, q.providerCode]).toEqual(['42000001', '20001', '00019049']);
  });

  it('resolves Type/id references inside a Bundle', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'CoverageEligibilityRequest',
            status: 'active',
            purpose: ['validation'],
            created: '2026-11-27',
            patient: { reference: 'Patient/p1' },
            insurer: { reference: 'Organization/sis' },
          },
        },
        {
          fullUrl: 'https://h.example/fhir/Patient/p1',
          resource: {
            resourceType: 'Patient',
            id: 'p1',
            identifier: [{ system: SYSTEMS.dni, value: '41000003' }],
          },
        },
        {
          resource: {
            resourceType: 'Organization',
            id: 'sis',
            identifier: [{ system: SYSTEMS.iafas, value: '10001' }],
          },
        },
      ],
    } as Resource;
    const q = readEligibilityRequest(bundle);
    expect([q.dni, q.insurerCode, q.providerCode]).toEqual(['41000003', '10001', undefined]);
  });

  it('collects every problem with its location before failing', () => {
    const request = {
      resourceType: 'CoverageEligibilityRequest',
      contained: [
        {
          resourceType: 'Organization',
          id: 'x',
          identifier: [{ system: SYSTEMS.renipress, value: '12' }],
        },
      ],
      provider: { reference: '#x' },
      insurer: { reference: '#missing' },
    } as Resource;
    expect(issuesOf(() => readEligibilityRequest(request))).toEqual({
      code: 'BRK_REQUEST_INVALID',
      expressions: [
        'CoverageEligibilityRequest.patient',
        'CoverageEligibilityRequest.insurer',
        'CoverageEligibilityRequest.provider',
      ],
    });
  });

  it('refuses other resource types and Bundles without a request', () => {
    expect(issuesOf(() => readEligibilityRequest({ resourceType: 'Patient' })).expressions).toEqual(
      ['resourceType'],
    );
    expect(
      issuesOf(() => readEligibilityRequest({ resourceType: 'Bundle', entry: [] } as Resource))
        .expressions,
    ).toEqual(['Bundle.entry']);
  });
});

describe('parseFhirJson', () => {
  it.each([
    ['{"resourceType":', 'BRK_REQUEST_MALFORMED'],
    ['[1,2]', 'BRK_REQUEST_MALFORMED'],
    ['{"id":"x"}', 'BRK_REQUEST_MALFORMED'],
  ])('refuses %s', (text, code) => {
    expect(issuesOf(() => parseFhirJson(Buffer.from(text))).code).toBe(code);
  });
});
