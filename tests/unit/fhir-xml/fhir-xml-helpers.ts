import type { Resource } from 'fhir/r4.js';
import { createFhirModel, type FhirModel } from '../../../src/formats/fhir/xml/fhir-model.ts';
import {
  FhirXmlError,
  type FhirXmlErrorCode,
} from '../../../src/formats/fhir/xml/fhir-xml-error.ts';
import { parseFhirXml } from '../../../src/formats/fhir/xml/parse-fhir-xml.ts';
import { serializeFhirXml } from '../../../src/formats/fhir/xml/serialize-fhir-xml.ts';

let model: FhirModel | undefined;

/** The R4 model, built once per test file (about half a second). */
export function testModel(): FhirModel {
  model ??= createFhirModel();
  return model;
}

/** FHIR JSON as it travels: what `JSON.parse(JSON.stringify(x))` gives. */
export function asWireJson(resource: object): Resource {
  return JSON.parse(JSON.stringify(resource)) as Resource;
}

/** JSON → XML → JSON. */
export function roundTripJson(resource: Resource): Resource {
  return parseFhirXml(serializeFhirXml(resource, testModel()), testModel());
}

/** Wraps FHIR content in a root resource element in the FHIR namespace. */
export function fhirXml(root: string, inner: string): string {
  return `<${root} xmlns="http://hl7.org/fhir">${inner}</${root}>`;
}

/** The `FhirXmlError` that `run` throws (fails the test if it throws something else or nothing). */
export function fhirXmlErrorOf(run: () => unknown): FhirXmlError {
  try {
    run();
  } catch (err) {
    if (err instanceof FhirXmlError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a FhirXmlError, but nothing was thrown');
}

/** Shorthand: the code and location of the error `run` throws. */
export function failureOf(run: () => unknown): { code: FhirXmlErrorCode; location?: string } {
  const err = fhirXmlErrorOf(run);
  return err.location === undefined
    ? { code: err.code }
    : { code: err.code, location: err.location };
}
