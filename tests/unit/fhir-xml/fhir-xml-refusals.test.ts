/**
 * What the parser refuses, and that each refusal names the place: DTDs and entities (billion
 * laughs, external entities) before any parsing, size and depth limits, XML that is not
 * well-formed or not UTF-8, wrong namespaces, and content R4 does not define.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhirXml } from '../../../src/formats/fhir/xml/parse-fhir-xml.ts';
import { failureOf, fhirXml, fhirXmlErrorOf, testModel } from './fhir-xml-helpers.ts';

const parse = (xml: string | Uint8Array) => parseFhirXml(xml, testModel());

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE Patient [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Patient xmlns="http://hl7.org/fhir"><name><text value="&lol9;"/></name></Patient>`;

describe('DTDs and entities', () => {
  it('refuses a DOCTYPE with internal entities (billion laughs) before expanding anything', () => {
    testModel();
    const started = performance.now();
    expect(failureOf(() => parse(BILLION_LAUGHS))).toEqual({ code: 'dtd-forbidden' });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses an external entity without reading the file', () => {
    const secret = path.join(mkdtempSync(path.join(tmpdir(), 'fhir-xml-xxe-')), 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    for (const target of ['file:///etc/passwd', `file://${secret}`]) {
      const xml = `<?xml version="1.0"?><!DOCTYPE Patient [<!ENTITY xxe SYSTEM "${target}">]><Patient xmlns="http://hl7.org/fhir"><name><text value="&xxe;"/></name></Patient>`;
      const err = fhirXmlErrorOf(() => parse(xml));
      expect(err.code).toBe('dtd-forbidden');
      expect(err.message).not.toMatch(/TOP-SECRET|root:/);
    }
  });

  it('refuses DTD markup in any letter case, an external DTD, and a parameter entity', () => {
    for (const xml of [
      `<!doctype Patient>${fhirXml('Patient', '')}`,
      `<!DOCTYPE Patient SYSTEM "http://example.org/evil.dtd">${fhirXml('Patient', '')}`,
      `<!DOCTYPE Patient [<!ENTITY % p SYSTEM "http://example.org/x">%p;]>${fhirXml('Patient', '')}`,
      `\uFEFF<!DocType Patient>${fhirXml('Patient', '')}`,
    ]) {
      expect(failureOf(() => parse(xml)).code).toBe('dtd-forbidden');
    }
  });

  it('refuses entities that no DTD declared, in values and in the narrative', () => {
    expect(
      failureOf(() => parse(fhirXml('Patient', '<name><text value="a&nbsp;b"/></name>'))),
    ).toEqual({
      code: 'not-well-formed',
      location: '/Patient/name[1]/text/@value',
    });
    const div =
      '<text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">a&nbsp;b</div></text>';
    expect(failureOf(() => parse(fhirXml('Patient', div)))).toEqual({
      code: 'not-well-formed',
      location: '/Patient/text/div',
    });
  });
});

describe('limits', () => {
  const nested = (depth: number) =>
    fhirXml('Patient', `${'<extension url="x">'.repeat(depth)}${'</extension>'.repeat(depth)}`);

  it('refuses nesting deeper than maxDepth, accepting exactly maxDepth', () => {
    expect(() => parseFhirXml(nested(9), testModel(), { maxDepth: 10 })).not.toThrow();
    expect(failureOf(() => parseFhirXml(nested(10), testModel(), { maxDepth: 10 }))).toEqual({
      code: 'too-deep',
      location: `/Patient${'/extension'.repeat(10)}`,
    });
    const deep = nested(50_000);
    const options = { maxBytes: 4 * deep.length };
    expect(failureOf(() => parseFhirXml(deep, testModel(), options)).code).toBe('too-deep');
  });

  it('refuses input over maxBytes before parsing it', () => {
    const xml = fhirXml('Patient', '<active value="true"/>');
    expect(failureOf(() => parseFhirXml(xml, testModel(), { maxBytes: 20 }))).toEqual({
      code: 'too-large',
    });
    expect(
      failureOf(() => parseFhirXml(Buffer.from(xml), testModel(), { maxBytes: 20 })).code,
    ).toBe('too-large');
  });
});

describe('not well-formed or not FHIR XML', () => {
  it.each([
    ['mismatched tags', fhirXml('Patient', '<name><family value="a"/></text>')],
    ['an unclosed element', '<Patient xmlns="http://hl7.org/fhir"><active value="true"/>'],
    ['two roots', `${fhirXml('Patient', '')}${fhirXml('Patient', '')}`],
    ['an attribute without value', fhirXml('Patient', '<active value/>')],
    ['a stray ampersand', fhirXml('Patient', '<name><text value="a & b"/></name>')],
    ['an undeclared prefix', '<x:Patient xmlns="http://hl7.org/fhir"/>'],
    [
      'a non-UTF-8 declared encoding',
      `<?xml version="1.0" encoding="ISO-8859-1"?>${fhirXml('Patient', '')}`,
    ],
  ])('refuses %s', (_what, xml) => {
    expect(failureOf(() => parse(xml)).code).toBe('not-well-formed');
  });

  it('refuses characters XML does not allow, raw or as references', () => {
    for (const value of ['a\u0001b', 'a&#1;b', 'a&#xD800;b', 'a&#x110000;b']) {
      expect(
        failureOf(() => parse(fhirXml('Patient', `<name><text value="${value}"/></name>`))),
      ).toEqual({
        code: 'not-well-formed',
        location: '/Patient/name[1]/text/@value',
      });
    }
  });

  it('refuses bytes that are not UTF-8', () => {
    const latin1 = Buffer.from(
      fhirXml('Patient', '<name><family value="Ñahui"/></name>'),
      'latin1',
    );
    expect(failureOf(() => parse(latin1)).code).toBe('not-well-formed');
  });

  it('refuses a root outside the FHIR namespace and a narrative outside XHTML', () => {
    expect(failureOf(() => parse('<Patient><active value="true"/></Patient>'))).toEqual({
      code: 'wrong-namespace',
      location: '/Patient',
    });
    expect(
      failureOf(() =>
        parse(fhirXml('Patient', '<text><status value="generated"/><div>x</div></text>')),
      ),
    ).toEqual({
      code: 'wrong-namespace',
      location: '/Patient/text/div',
    });
  });

  it('reports an unknown element with its path', () => {
    const xml = fhirXml(
      'Patient',
      '<name><family value="a"/></name><name><given value="b"/><nickname value="c"/></name>',
    );
    const err = fhirXmlErrorOf(() => parse(xml));
    expect(err.code).toBe('unknown-element');
    expect(err.location).toBe('/Patient/name[2]/nickname');
    expect(err.message).toBe('/Patient/name[2]/nickname: unknown element nickname in HumanName');
  });

  it('reports unknown attributes, resource types and medplum-only elements', () => {
    expect(failureOf(() => parse(fhirXml('Patient', '<active value="true" foo="x"/>')))).toEqual({
      code: 'unknown-element',
      location: '/Patient/active/@foo',
    });
    expect(failureOf(() => parse(fhirXml('Patientt', '')))).toEqual({
      code: 'unknown-element',
      location: '/Patientt',
    });
    expect(failureOf(() => parse(fhirXml('Patient', '<meta><project value="x"/></meta>')))).toEqual(
      {
        code: 'unknown-element',
        location: '/Patient/meta/project',
      },
    );
  });

  it('refuses repeats of non-repeating elements and two variants of one choice', () => {
    expect(
      failureOf(() => parse(fhirXml('Patient', '<active value="true"/><active value="false"/>'))),
    ).toEqual({
      code: 'cardinality',
      location: '/Patient/active',
    });
    const twoChoices = fhirXml(
      'Patient',
      '<deceasedBoolean value="true"/><deceasedDateTime value="2020"/>',
    );
    expect(failureOf(() => parse(twoChoices))).toEqual({
      code: 'cardinality',
      location: '/Patient/deceasedDateTime',
    });
  });

  it.each([
    ['a bad boolean', '<active value="yes"/>', '/Patient/active/@value'],
    [
      'a bad integer',
      '<multipleBirthInteger value="1.5"/>',
      '/Patient/multipleBirthInteger/@value',
    ],
    [
      'an integer over 32 bits',
      '<multipleBirthInteger value="2147483648"/>',
      '/Patient/multipleBirthInteger/@value',
    ],
    ['text content', '<active value="true">yes</active>', '/Patient/active'],
    ['a primitive with no value or extension', '<active/>', '/Patient/active'],
    ['a contained element without a resource', '<contained/>', '/Patient/contained[1]'],
  ])('refuses %s', (_what, inner, location) => {
    expect(failureOf(() => parse(fhirXml('Patient', inner)))).toEqual({
      code: 'invalid-value',
      location,
    });
  });
});
