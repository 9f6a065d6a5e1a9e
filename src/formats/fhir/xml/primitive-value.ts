import { FhirXmlError } from './fhir-xml-error.ts';
import type { TypeInfo } from './fhir-model.ts';

/** A primitive's value in FHIR JSON. */
export type JsonPrimitiveValue = boolean | number | string;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * The JSON value of a primitive's XML `value` attribute (already entity-decoded). Booleans and
 * numbers must match the definition's regex; `integer`, `positiveInt` and `unsignedInt` must fit
 * in 32 bits. A `decimal` becomes a JSON number, i.e. an IEEE double, exactly as `JSON.parse`
 * would read it from FHIR JSON: `1.50` becomes `1.5` and digits beyond double precision are lost.
 */
export function readPrimitiveValue(
  text: string,
  type: TypeInfo,
  location: string,
): JsonPrimitiveValue {
  switch (type.primitive?.json) {
    case 'boolean':
      if (text === 'true' || text === 'false') {
        return text === 'true';
      }
      throw new FhirXmlError('invalid-value', `not a boolean: "${text}"`, location);
    case 'number':
      return checkNumber(type, text, Number(text), location);
    case 'string':
    case undefined:
      return text;
  }
}

/** The XML text of a primitive's JSON value, checked against its JSON type and lexical form. */
export function formatPrimitiveValue(value: unknown, type: TypeInfo, location: string): string {
  const json = type.primitive?.json ?? 'string';
  if (json === 'string' && typeof value === 'string') {
    return value;
  }
  if (json === 'boolean' && typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (json === 'number' && typeof value === 'number') {
    const text = Object.is(value, -0) ? '-0' : String(value);
    checkNumber(type, text, value, location);
    return text;
  }
  throw new FhirXmlError('invalid-value', `${type.name} must be a JSON ${json}`, location);
}

function checkNumber(type: TypeInfo, text: string, value: number, location: string): number {
  const pattern = type.primitive?.pattern;
  const fits =
    (pattern === undefined || pattern.test(text)) &&
    Number.isFinite(value) &&
    (type.name === 'decimal' || (value >= INT32_MIN && value <= INT32_MAX));
  if (!fits) {
    throw new FhirXmlError('invalid-value', `not a valid ${type.name}: "${text}"`, location);
  }
  return value;
}
