import type { CodeSystem, ConceptMap, ConceptMapGroupUnmapped } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../../../src/mapping/load-mappings.ts';
import { createTranslator, type TranslateDirection } from '../../../src/mapping/translate-code.ts';
import { readProfileFiles } from '../../../src/validation/read-profile-files.ts';
import { errorsOf, testValidator } from '../validation/validation-helpers.ts';

const { conceptMaps } = loadMappings();
const translate = createTranslator(conceptMaps);
const CM = 'https://siteds-broker.github.io/fhir/ConceptMap/';

/** `code → result` for each code, as text: `1→male`, `x→∅ (reason)`, `child→? 5|6`. */
function table(id: string, codes: readonly string[], direction: TranslateDirection): string[] {
  return codes.map((code) => {
    const r = translate(`${CM}${id}`, code, direction);
    switch (r.status) {
      case 'mapped':
        return `${code}→${r.code} ${r.equivalence}`;
      case 'ambiguous':
        return `${code}→? ${r.candidates.map((c) => c.code).join('|')}`;
      case 'unmapped':
        return `${code}→∅`;
    }
  });
}

describe('ConceptMaps in mappings/conceptmaps', () => {
  it.each([...conceptMaps.values()].map((m) => [m.id, m] as const))(
    '%s is valid FHIR R4 (project validator, base R4)',
    (_id, map) => {
      expect(errorsOf(testValidator().validate(map))).toEqual([]);
    },
  );

  it('the validator does check them: a broken copy fails', () => {
    const [first] = conceptMaps.values();
    const broken = {
      ...first,
      status: 'final-ish',
      group: [
        { source: 'a', element: [{ code: 'x', target: [{ code: 'y', equivalence: 'close' }] }] },
      ],
    };
    expect(errorsOf(testValidator().validate(broken))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ConceptMap\.status/),
        expect.stringMatching(/equivalence/),
      ]),
    );
  });

  it('have canonical URLs under the project base, named after their id, with a description', () => {
    for (const [url, map] of conceptMaps) {
      expect(url).toBe(`${CM}${String(map.id)}`);
      expect(map.id).toMatch(/^[A-Z][A-Za-z0-9]+CM$/);
      expect(map.description?.length).toBeGreaterThan(80);
    }
  });

  it('only use codes that our own CodeSystems define', () => {
    const systems = new Map(
      readProfileFiles()
        .map((f) => f.resource)
        .filter((r): r is CodeSystem => r.resourceType === 'CodeSystem')
        .map((cs) => [cs.url, new Set((cs.concept ?? []).map((c) => c.code))]),
    );
    for (const map of conceptMaps.values()) {
      for (const group of map.group ?? []) {
        const codes = systems.get(group.source);
        if (codes !== undefined) {
          expect(
            group.element.filter((e) => !codes.has(e.code ?? '')),
            String(map.id),
          ).toEqual([]);
        }
      }
    }
    expect(systems.has('https://siteds-broker.github.io/fhir/CodeSystem/SitedsParentescoCS')).toBe(
      true,
    );
  });

  it('identity documents: SITEDS/SUNAT ↔ MINSA IdspersonaPeru', () => {
    expect(
      table(
        'IdentityDocumentTypeToIdspersonaPeruCM',
        ['1', '4', '7', '6', '0', 'A'],
        'source-to-target',
      ),
    ).toEqual(['1→1 equivalent', '4→2 equivalent', '7→3 equivalent', '6→∅', '0→∅', 'A→∅']);
    expect(
      table('IdentityDocumentTypeToIdspersonaPeruCM', ['1', '2', '3', '9'], 'target-to-source'),
    ).toEqual(['1→1 equivalent', '2→4 equivalent', '3→7 equivalent', '9→∅']);
  });

  it('identity documents: SITEDS/SUNAT ↔ HL7 v2 table 0203', () => {
    expect(
      table(
        'IdentityDocumentTypeToV2IdentifierTypeCM',
        ['1', '4', '6', '7', 'A'],
        'source-to-target',
      ),
    ).toEqual(['1→NI wider', '4→PRC narrower', '6→TAX wider', '7→PPN equivalent', 'A→∅']);
    expect(
      table(
        'IdentityDocumentTypeToV2IdentifierTypeCM',
        ['NI', 'PRC', 'TAX', 'PPN', 'MR'],
        'target-to-source',
      ),
    ).toEqual(['NI→1 narrower', 'PRC→4 wider', 'TAX→6 narrower', 'PPN→7 equivalent', 'MR→∅']);
  });

  it('identity documents → Identifier.system (the NamingSystems PatientPe slices on), and back', () => {
    const ns = 'https://siteds-broker.github.io/fhir/NamingSystem/';
    expect(
      table('IdentityDocumentTypeToNamingSystemCM', ['1', '4', '7', '6'], 'source-to-target'),
    ).toEqual([
      `1→${ns}dni equivalent`,
      `4→${ns}carne-extranjeria equivalent`,
      `7→${ns}pasaporte equivalent`,
      '6→∅',
    ]);
    expect(
      table('IdentityDocumentTypeToNamingSystemCM', [`${ns}pasaporte`], 'target-to-source'),
    ).toEqual([`${ns}pasaporte→7 equivalent`]);
  });

  it('SITEDS query sub-types ↔ eligibility purpose: backwards, purposes that name several sub-types are ambiguous', () => {
    expect(
      table(
        'SitedsQueryTypeToPurposeCM',
        ['CN', 'CC', 'CD', 'CO', 'CM', 'CP', 'RD', 'RS'],
        'source-to-target',
      ),
    ).toEqual([
      'CN→discovery inexact',
      'CC→validation inexact',
      'CD→benefits inexact',
      'CO→benefits inexact',
      'CM→benefits wider',
      'CP→benefits wider',
      'RD→∅',
      'RS→validation inexact',
    ]);
    expect(
      table(
        'SitedsQueryTypeToPurposeCM',
        ['discovery', 'validation', 'benefits', 'auth-requirements'],
        'target-to-source',
      ),
    ).toEqual([
      'discovery→CN inexact',
      'validation→? CC|RS',
      'benefits→? CM|CP',
      'auth-requirements→∅',
    ]);
  });

  it('parentesco ↔ FHIR subscriber-relationship ("child" backwards is ambiguous)', () => {
    expect(
      table(
        'SitedsParentescoToSubscriberRelationshipCM',
        ['1', '2', '5', '6', '3'],
        'source-to-target',
      ),
    ).toEqual(['1→self equivalent', '2→spouse wider', '5→child wider', '6→child wider', '3→∅']);
    expect(
      table(
        'SitedsParentescoToSubscriberRelationshipCM',
        ['self', 'spouse', 'child', 'parent'],
        'target-to-source',
      ),
    ).toEqual(['self→1 equivalent', 'spouse→2 narrower', 'child→? 5|6', 'parent→∅']);
  });

  it('parentesco ↔ HL7 v2 table 0063', () => {
    expect(
      table('SitedsParentescoToV2RelationshipCM', ['1', '2', '5', '6'], 'source-to-target'),
    ).toEqual(['1→SEL equivalent', '2→SPO equivalent', '5→CHD wider', '6→DEP wider']);
    expect(
      table(
        'SitedsParentescoToV2RelationshipCM',
        ['SEL', 'SPO', 'CHD', 'DEP', 'FTH'],
        'target-to-source',
      ),
    ).toEqual([
      'SEL→1 equivalent',
      'SPO→2 equivalent',
      'CHD→5 narrower',
      'DEP→6 narrower',
      'FTH→∅',
    ]);
  });

  it('gender: SITEDS ↔ FHIR ↔ HL7 v2 table 0001 (the closest equivalence wins over a narrower one)', () => {
    expect(
      table('SitedsGeneroToAdministrativeGenderCM', ['1', '2', '3'], 'source-to-target'),
    ).toEqual(['1→male equivalent', '2→female equivalent', '3→∅']);
    expect(
      table(
        'SitedsGeneroToAdministrativeGenderCM',
        ['male', 'female', 'other'],
        'target-to-source',
      ),
    ).toEqual(['male→1 equivalent', 'female→2 equivalent', 'other→∅']);
    expect(
      table(
        'AdministrativeGenderToV2SexCM',
        ['male', 'female', 'other', 'unknown'],
        'source-to-target',
      ),
    ).toEqual([
      'male→M equivalent',
      'female→F equivalent',
      'other→O equivalent',
      'unknown→U equivalent',
    ]);
    expect(
      table('AdministrativeGenderToV2SexCM', ['M', 'F', 'O', 'A', 'U', 'N'], 'target-to-source'),
    ).toEqual([
      'M→male equivalent',
      'F→female equivalent',
      'O→other equivalent',
      'A→other wider',
      'U→unknown equivalent',
      'N→∅',
    ]);
  });
});

describe('translate: ConceptMap semantics', () => {
  const map = (unmapped: ConceptMapGroupUnmapped): ReadonlyMap<string, ConceptMap> =>
    new Map([
      [
        'urn:t',
        {
          resourceType: 'ConceptMap' as const,
          status: 'draft' as const,
          url: 'urn:t',
          group: [
            {
              source: 'a',
              target: 'b',
              element: [{ code: 'x', target: [{ code: 'y', equivalence: 'equivalent' as const }] }],
              unmapped,
            },
          ],
        },
      ],
    ]);

  it('falls back to group.unmapped source → target only: provided keeps the code, fixed gives one', () => {
    const provided = createTranslator(map({ mode: 'provided' }));
    expect(provided('urn:t', 'z', 'source-to-target')).toEqual({
      status: 'mapped',
      code: 'z',
      equivalence: 'inexact',
    });
    expect(provided('urn:t', 'z', 'target-to-source')).toMatchObject({ status: 'unmapped' });
    const fixed = createTranslator(map({ mode: 'fixed', code: 'other' }));
    expect(fixed('urn:t', 'z', 'source-to-target')).toEqual({
      status: 'mapped',
      code: 'other',
      equivalence: 'inexact',
    });
    expect(fixed('urn:t', 'x', 'source-to-target')).toEqual({
      status: 'mapped',
      code: 'y',
      equivalence: 'equivalent',
    });
  });

  it('an unknown ConceptMap is unmapped, not a crash', () => {
    expect(translate('urn:none', '1', 'source-to-target')).toEqual({
      status: 'unmapped',
      reason: 'no ConceptMap urn:none',
    });
  });
});
