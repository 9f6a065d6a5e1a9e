/**
 * The official HL7 FHIR examples in conformance/vectors/fhir-examples/ (copied unchanged from
 * github.com/HL7/fhir, `source/coverageeligibilityrequest/` and `source/coverageeligibilityresponse/`;
 * see SOURCE.md there): every file parses, the XML the serializer writes back is the original
 * minus comments and layout, and both XML → JSON → XML → JSON and JSON → XML → JSON are stable.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CoverageEligibilityRequest, CoverageEligibilityResponse } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { parseFhirXml } from '../../../src/formats/fhir/xml/parse-fhir-xml.ts';
import { serializeFhirXml } from '../../../src/formats/fhir/xml/serialize-fhir-xml.ts';
import { asWireJson, roundTripJson, testModel } from './fhir-xml-helpers.ts';

const EXAMPLES = path.join(PROJECT_ROOT, 'conformance/vectors/fhir-examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xml'));
const read = (file: string) => readFileSync(path.join(EXAMPLES, file));

/** The original without comments, layout, and the schema-location attributes JSON cannot carry. */
function canonical(xml: string): string {
  return xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s+xmlns:xsi="[^"]*"|\s+xsi:schemaLocation="[^"]*"/g, '')
    .replace(/>\s+</g, '><')
    .replace(/\s+\/>/g, '/>')
    .trim();
}

describe('official FHIR examples (conformance/vectors/fhir-examples, see SOURCE.md)', () => {
  it('has the five files SOURCE.md lists', () => {
    expect(files).toHaveLength(5);
  });

  it.each(files)('%s: parses, and serializes back to the same elements in the same order', (f) => {
    const json = parseFhirXml(read(f), testModel());
    expect(json.resourceType).toMatch(/^CoverageEligibility(Request|Response)$/);
    expect(serializeFhirXml(json, testModel())).toBe(canonical(read(f).toString('utf8')));
  });

  it.each(files)('%s: XML → JSON → XML → JSON is stable', (f) => {
    const json = parseFhirXml(read(f), testModel());
    const xml = serializeFhirXml(json, testModel(), { indent: '  ' });
    expect(parseFhirXml(xml, testModel())).toStrictEqual(json);
    expect(serializeFhirXml(parseFhirXml(xml, testModel()), testModel(), { indent: '  ' })).toBe(
      xml,
    );
  });

  it.each(files)('%s: JSON → XML → JSON is the identity on its JSON form', (f) => {
    const json = asWireJson(parseFhirXml(read(f), testModel()));
    expect(roundTripJson(json)).toStrictEqual(json);
  });

  it('reads repeating elements as arrays and primitives with their JSON types', () => {
    const req = parseFhirXml(
      read('coverageeligibilityrequest-example-2.xml'),
      testModel(),
    ) as CoverageEligibilityRequest;
    expect(req.purpose).toEqual(['validation', 'benefits']);
    expect(req.servicedDate).toBe('2014-09-17');
    expect(req.identifier).toEqual([
      { system: 'http://happyvalley.com/coverageelegibilityrequest', value: '52346' },
    ]);
    expect(req.priority).toEqual({ coding: [{ code: 'normal' }] });
    expect(req.text?.div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml">A human-readable rendering of the CoverageEligibilityRequest</div>',
    );
    const first = parseFhirXml(read('coverageeligibilityrequest-example.xml'), testModel());
    expect((first as CoverageEligibilityRequest).insurance).toEqual([
      { focal: true, coverage: { reference: 'Coverage/9876B1' } },
    ]);
  });

  it('reads the error example and the invariant-test example (which only a validator rejects)', () => {
    const error = parseFhirXml(
      read('coverageeligibilityresponse-example-error.xml'),
      testModel(),
    ) as CoverageEligibilityResponse;
    expect(error.outcome).toBe('error');
    expect(error.error?.[0]?.code.coding?.[0]?.code).toBe('a001');
    const ces1 = parseFhirXml(
      read('ces-1.f1.fail.xml'),
      testModel(),
    ) as CoverageEligibilityResponse;
    const item = ces1.insurance?.[0]?.item?.[0];
    expect(item?.category?.coding?.[0]?.code).toBe('medical');
    expect(item?.productOrService?.coding?.[0]?.code).toBe('exam');
  });
});
