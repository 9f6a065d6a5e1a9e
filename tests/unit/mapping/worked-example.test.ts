import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { createMapper } from '../../../src/mapping/create-mapper.ts';
import { loadMappings, MAPPINGS_DIR } from '../../../src/mapping/load-mappings.ts';
import { errorsOf, SD_BASE, testValidator } from '../validation/validation-helpers.ts';

/** `expect.stringContaining`, typed. */
const containing = (text: string): unknown => expect.stringContaining(text);

const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/mapping');
const set = loadMappings(MAPPINGS_DIR, path.join(FIXTURES, 'specs'));
const loaded = set.specs.get('siteds-patient-to-fhir-patient');
if (loaded === undefined) {
  throw new Error('the worked example spec did not load');
}
const mapper = createMapper(loaded.spec, set.conceptMaps);
const { patient } = JSON.parse(
  readFileSync(path.join(FIXTURES, 'siteds-patient.json'), 'utf8'),
) as {
  patient: Record<string, unknown>;
};

describe('worked example: SITEDS-like patient ↔ FHIR Patient (tests/fixtures/mapping)', () => {
  it('maps to a Patient valid against base R4 and PatientPe, with no issue', () => {
    const { target, issues } = mapper.map(patient);
    expect(issues).toEqual([]);
    expect(target).toMatchObject({
      resourceType: 'Patient',
      identifier: [
        { system: 'https://siteds-broker.github.io/fhir/NamingSystem/dni', value: '10444192' },
        {
          system: 'urn:example:siteds-test:codigo-afiliado',
          use: 'secondary',
          value: '10237716204687763',
        },
      ],
      name: [
        {
          use: 'official',
          family: 'SALDAÑA',
          _family: {
            extension: [
              {
                url: 'http://hl7.org/fhir/StructureDefinition/humanname-mothers-family',
                valueString: 'TORRES',
              },
            ],
          },
          given: ['ROSALMIRA'],
        },
      ],
      birthDate: '1980-01-15',
      gender: 'female',
      telecom: [
        { system: 'phone', value: '987654321' },
        { system: 'phone', value: '014112233' },
      ],
    });
    expect(errorsOf(testValidator().validate(target))).toEqual([]);
    expect(
      errorsOf(testValidator().validate(target, { profiles: [`${SD_BASE}PatientPe`] })),
    ).toEqual([]);
  });

  it('maps back losslessly (every field but the ignored raw segment)', () => {
    const there = mapper.map(patient);
    const back = mapper.reverse?.(there.target);
    const mapped = Object.fromEntries(Object.entries(patient).filter(([k]) => k !== 'raw'));
    expect(back).toEqual({ target: mapped, issues: [] });
  });

  it('reports what it cannot map, both ways, with the path', () => {
    expect(
      mapper.map({ ...patient, estadoCivil: 'S', document: { type: '6', number: '20505208626' } })
        .issues,
    ).toEqual([
      expect.objectContaining({
        kind: 'untranslated',
        path: 'document.type',
        code: '6',
        conceptMap: containing('IdentityDocumentTypeToNamingSystemCM'),
      }),
      expect.objectContaining({ kind: 'unmapped', path: 'estadoCivil', value: 'S' }),
    ]);
    const fhir = mapper.map(patient).target;
    const issues = mapper.reverse?.({
      ...fhir,
      meta: { lastUpdated: '2026-11-27T10:00:00Z' },
      active: true,
      gender: 'unknown',
    }).issues;
    expect(issues).toEqual([
      expect.objectContaining({ kind: 'untranslated', path: 'gender', code: 'unknown' }),
      expect.objectContaining({ kind: 'unmapped', path: 'active', value: true }),
    ]);
  });
});
