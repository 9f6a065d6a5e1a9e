/**
 * Hand-made cases for each FHIR XML rule: primitives with id and extensions (`_name`), primitive
 * arrays with gaps (`null`), choice types, contained resources, Bundle and Parameters resources,
 * the XHTML narrative, comments and processing instructions, and definition order.
 */
import type { Bundle, Observation, OperationOutcome, Parameters, Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { parseFhirXml } from '../../../src/formats/fhir/xml/parse-fhir-xml.ts';
import { serializeFhirXml } from '../../../src/formats/fhir/xml/serialize-fhir-xml.ts';
import { fhirXml, roundTripJson, testModel } from './fhir-xml-helpers.ts';

const parse = (xml: string) => parseFhirXml(xml, testModel());
const serialize = (json: object) => serializeFhirXml(json as Patient, testModel());
const EXT = 'http://example.org/ext';

describe('primitives', () => {
  it('a primitive with an id and an extension goes to name and _name', () => {
    const xml = fhirXml(
      'Patient',
      `<birthDate id="bd" value="1970-03-30"><extension url="${EXT}"><valueString value="approx"/></extension></birthDate>`,
    );
    const json = parse(xml);
    expect(json).toStrictEqual({
      resourceType: 'Patient',
      birthDate: '1970-03-30',
      _birthDate: { id: 'bd', extension: [{ url: EXT, valueString: 'approx' }] },
    });
    expect(serialize(json)).toBe(xml);
  });

  it('a primitive with only an extension has no value, only _name', () => {
    const xml = fhirXml(
      'Patient',
      `<gender><extension url="${EXT}"><valueCode value="unknown"/></extension></gender>`,
    );
    const json = parse(xml);
    expect(json).toStrictEqual({
      resourceType: 'Patient',
      _gender: { extension: [{ url: EXT, valueCode: 'unknown' }] },
    });
    expect(serialize(json)).toBe(xml);
  });

  it('primitive arrays keep their positions: null where one side has nothing', () => {
    const xml = fhirXml(
      'Patient',
      `<name><given value="Ana"/><given><extension url="${EXT}"><valueBoolean value="true"/></extension></given><given id="g3" value="Luz"/></name>`,
    );
    const json = parse(xml);
    expect(json).toStrictEqual({
      resourceType: 'Patient',
      name: [
        {
          given: ['Ana', null, 'Luz'],
          _given: [null, { extension: [{ url: EXT, valueBoolean: true }] }, { id: 'g3' }],
        },
      ],
    });
    expect(serialize(json)).toBe(xml);
  });

  it('booleans, integers and decimals are JSON booleans and numbers; codes and dates strings', () => {
    const json = parse(
      fhirXml(
        'Observation',
        '<status value="final"/><code><text value="t"/></code><valueQuantity><value value="-12.50"/><unit value="mg"/></valueQuantity><referenceRange><low><value value="1e2"/></low></referenceRange>',
      ),
    ) as Observation;
    expect(json.valueQuantity).toEqual({ value: -12.5, unit: 'mg' });
    expect(json.referenceRange?.[0]?.low?.value).toBe(100);
    expect(parse(fhirXml('Patient', '<active value="false"/>'))).toStrictEqual({
      resourceType: 'Patient',
      active: false,
    });
    expect(parse(fhirXml('Patient', '<multipleBirthInteger value="2"/>'))).toStrictEqual({
      resourceType: 'Patient',
      multipleBirthInteger: 2,
    });
  });

  it('attribute values are decoded (entities, character references) and written back escaped', () => {
    const xml = fhirXml(
      'Patient',
      '<name><text value="A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; &#241;&#x1F600;&#10;x"/></name>',
    );
    const json = parse(xml) as Patient;
    expect(json.name?.[0]?.text).toBe('A & B <c> "d" \'e\' ñ😀\nx');
    expect(parse(serialize(json))).toStrictEqual(json);
    expect(serialize(json)).toContain('value="A &amp; B &lt;c&gt; &quot;d&quot; \'e\' ñ😀&#10;x"');
  });
});

describe('decimals', () => {
  it('keep what a JSON number keeps: the value, not trailing zeros or digits beyond a double', () => {
    const read = (v: string) =>
      (
        parse(
          fhirXml(
            'Observation',
            `<status value="final"/><code><text value="t"/></code><valueQuantity><value value="${v}"/></valueQuantity>`,
          ),
        ) as Observation
      ).valueQuantity?.value;
    expect(read('1.50')).toBe(1.5);
    expect(read('0.1000000000000000055511151231257827')).toBe(0.1);
    expect(read('-0')).toBe(-0);
    for (const value of [0.30000000000000004, 1e21, 1.5e-7, -0, 12345.678]) {
      const obs: Observation = {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 't' },
        valueQuantity: { value },
      };
      expect(roundTripJson(obs)).toStrictEqual(obs);
    }
  });
});

describe('choice types', () => {
  it('value[x] is named by its type, in XML and JSON', () => {
    const xml = fhirXml(
      'Observation',
      '<status value="final"/><code><text value="t"/></code><effectiveDateTime value="2026-01-02"/><valueCodeableConcept><text value="positive"/></valueCodeableConcept>',
    );
    const json = parse(xml);
    expect(json).toMatchObject({
      effectiveDateTime: '2026-01-02',
      valueCodeableConcept: { text: 'positive' },
    });
    expect(serialize(json)).toBe(xml);
  });

  it('extension values of every kind round-trip (valueInteger, valuePeriod, nested extensions)', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      extension: [
        { url: `${EXT}/a`, valueInteger: -7 },
        { url: `${EXT}/b`, valuePeriod: { start: '2026-01-01' } },
        { url: `${EXT}/c`, extension: [{ url: 'x', valueDecimal: 0.25 }] },
      ],
    };
    expect(roundTripJson(patient)).toStrictEqual(patient);
  });
});

describe('resources inside resources', () => {
  it('contained resources are wrapped in their resource element', () => {
    const xml = fhirXml(
      'Observation',
      '<contained><Patient><id value="p"/><active value="true"/></Patient></contained><status value="final"/><code><text value="t"/></code><subject><reference value="#p"/></subject>',
    );
    const json = parse(xml);
    expect(json).toMatchObject({
      contained: [{ resourceType: 'Patient', id: 'p', active: true }],
      subject: { reference: '#p' },
    });
    expect(serialize(json)).toBe(xml);
  });

  it('a Bundle in XML: each entry resource wrapped in <resource>', () => {
    const xml = fhirXml(
      'Bundle',
      '<type value="collection"/><entry><fullUrl value="urn:uuid:a"/><resource><Patient><id value="a"/></Patient></resource></entry><entry><resource><Organization><name value="IPRESS"/></Organization></resource></entry>',
    );
    const json = parse(xml);
    expect(json).toStrictEqual({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:a', resource: { resourceType: 'Patient', id: 'a' } },
        { resource: { resourceType: 'Organization', name: 'IPRESS' } },
      ],
    });
    expect(serialize(json)).toBe(xml);
  });

  it('Bundle.entry.resource and Parameters.parameter.resource hold whole resources', () => {
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid' }],
    };
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', id: 'a' } },
        { response: { status: '400', outcome } },
      ],
    };
    expect(roundTripJson(bundle)).toStrictEqual(bundle);
    const params: Parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'r', resource: bundle },
        { name: 'n', valueDecimal: 1.25, part: [{ name: 'p', valueString: 'x' }] },
      ],
    };
    expect(roundTripJson(params)).toStrictEqual(params);
  });

  it('nested elements reached by contentReference (Questionnaire.item.item)', () => {
    const q = {
      resourceType: 'Questionnaire' as const,
      status: 'draft' as const,
      item: [
        { linkId: '1', type: 'group' as const, item: [{ linkId: '1.1', type: 'string' as const }] },
      ],
    };
    expect(roundTripJson(q)).toStrictEqual(q);
  });
});

describe('the XHTML narrative', () => {
  it('is kept as its exact XML, nested markup and entities included', () => {
    const div =
      '<div xmlns="http://www.w3.org/1999/xhtml"><p class="x">Tom &amp; Jerry &lt;3 <b>bold</b><br/>&#169;</p><!-- note --></div>';
    const xml = fhirXml('Patient', `<text><status value="generated"/>${div}</text>`);
    const json = parse(xml) as Patient;
    expect(json.text?.div).toBe(div);
    expect(serialize(json)).toBe(xml);
  });

  it('may hold nested divs', () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml"><div><div>a</div></div><div/>b</div>';
    const xml = fhirXml(
      'Patient',
      `<text><status value="generated"/>${div}</text><active value="true"/>`,
    );
    expect(parse(xml)).toStrictEqual({
      resourceType: 'Patient',
      text: { status: 'generated', div },
      active: true,
    });
  });

  it('gets its namespace declaration when it inherits it or JSON leaves it out', () => {
    const xml =
      '<f:Patient xmlns:f="http://hl7.org/fhir" xmlns="http://www.w3.org/1999/xhtml"><f:text><f:status value="generated"/><div lang="es">Hola</div></f:text></f:Patient>';
    expect((parse(xml) as Patient).text?.div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml" lang="es">Hola</div>',
    );
    const bare = serialize({
      resourceType: 'Patient',
      text: { status: 'generated', div: '<div>Hola</div>' },
    });
    expect(bare).toContain('<div xmlns="http://www.w3.org/1999/xhtml">Hola</div>');
  });
});

describe('around the root', () => {
  it('accepts an XML declaration, comments and processing instructions before the root', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported by a clinic system -->\n<?xml-stylesheet href="x.xsl"?>\n${fhirXml('Patient', '<!-- inside --><active value="true"/>')}\n<!-- after -->\n`;
    expect(parse(xml)).toStrictEqual({ resourceType: 'Patient', active: true });
  });

  it('accepts a UTF-8 byte-order mark and bytes as well as strings', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(fhirXml('Patient', '<name><family value="Ñahui"/></name>')),
    ]);
    expect(parseFhirXml(bytes, testModel())).toStrictEqual({
      resourceType: 'Patient',
      name: [{ family: 'Ñahui' }],
    });
  });

  it('accepts namespace prefixes for FHIR elements', () => {
    const xml = '<f:Patient xmlns:f="http://hl7.org/fhir"><f:active value="true"/></f:Patient>';
    expect(parse(xml)).toStrictEqual({ resourceType: 'Patient', active: true });
  });

  it('writes the declaration and indentation when asked', () => {
    const patient: Patient = { resourceType: 'Patient', active: true };
    const xml = serializeFhirXml(patient, testModel(), { declaration: true, indent: '  ' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Patient xmlns="http://hl7.org/fhir">\n  <active value="true"/>\n</Patient>',
    );
  });
});

describe('definition order', () => {
  const outOfOrder = fhirXml('Patient', '<active value="true"/><id value="x"/>');

  it('the serializer writes the definition order whatever the JSON order', () => {
    const json = {
      active: true,
      name: [{ given: ['A'], family: 'B' }],
      id: 'x',
      resourceType: 'Patient',
    };
    expect(serialize(json)).toBe(
      fhirXml(
        'Patient',
        '<id value="x"/><active value="true"/><name><family value="B"/><given value="A"/></name>',
      ),
    );
  });

  it('the parser refuses elements out of order unless allowAnyOrder', () => {
    expect(() => parse(outOfOrder)).toThrow(/\/Patient\/id: id is out of definition order/);
    expect(parseFhirXml(outOfOrder, testModel(), { allowAnyOrder: true })).toStrictEqual({
      resourceType: 'Patient',
      id: 'x',
      active: true,
    });
  });
});
