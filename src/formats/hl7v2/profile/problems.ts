import type { Hl7Location } from '../hl7-location.ts';
import type { Hl7Problem } from '../hl7-problem.ts';

/** The problems the checker reports, each with its table 0357 code and texts in both languages. */
export const problem = {
  missingSegment: (at: Hl7Location, what: string): Hl7Problem => ({
    location: at,
    code: '100',
    severity: 'E',
    es: `falta ${what}, requerido en esta posición`,
    en: `${what} is required here and missing`,
  }),
  unexpectedSegment: (at: Hl7Location, structure: string): Hl7Problem => ({
    location: at,
    code: '100',
    severity: 'E',
    es: `el segmento ${at.segment} no forma parte de ${structure}`,
    en: `segment ${at.segment} is not part of ${structure}`,
  }),
  misplacedSegment: (at: Hl7Location, structure: string): Hl7Problem => ({
    location: at,
    code: '100',
    severity: 'E',
    es: `el segmento ${at.segment} está fuera de orden o repetido más de lo permitido en ${structure}`,
    en: `segment ${at.segment} is out of order or repeated more than ${structure} allows`,
  }),
  required: (at: Hl7Location, name: string): Hl7Problem => ({
    location: at,
    code: '101',
    severity: 'E',
    es: `falta el valor requerido (${name})`,
    en: `required value missing (${name})`,
  }),
  repeats: (at: Hl7Location, count: number, max: number): Hl7Problem => ({
    location: at,
    code: '102',
    severity: 'E',
    es: `se repite ${count} veces; se permiten ${max}`,
    en: `repeats ${count} times; ${max} allowed`,
  }),
  tooLong: (at: Hl7Location, length: number, max: number): Hl7Problem => ({
    location: at,
    code: '102',
    severity: 'E',
    es: `tiene ${length} caracteres; el máximo es ${max}`,
    en: `is ${length} characters long; the maximum is ${max}`,
  }),
  tooManyParts: (at: Hl7Location, count: number, type: string, max: number): Hl7Problem => ({
    location: at,
    code: '102',
    severity: 'E',
    es: `tiene ${count} partes; el tipo ${type} tiene ${max}`,
    en: `has ${count} parts; data type ${type} has ${max}`,
  }),
  badFormat: (at: Hl7Location, value: string, type: string): Hl7Problem => ({
    location: at,
    code: '102',
    severity: 'E',
    es: `"${value}" no es un valor válido de tipo ${type}`,
    en: `"${value}" is not a valid ${type} value`,
  }),
  notInTable: (at: Hl7Location, value: string, table: string, name: string): Hl7Problem => ({
    location: at,
    code: '103',
    severity: 'E',
    es: `el código "${value}" no está en la tabla HL7 ${table} (${name})`,
    en: `code "${value}" is not in HL7 table ${table} (${name})`,
  }),
  tooManySegments: (count: number, max: number): Hl7Problem => ({
    code: '100',
    severity: 'E',
    es: `el mensaje tiene ${count} segmentos; se admiten hasta ${max}`,
    en: `the message has ${count} segments; at most ${max} are accepted`,
  }),
  /** Stands for the `count` problems not listed, starting with `first`. */
  andMore: (first: Hl7Problem, count: number): Hl7Problem => ({
    ...first,
    es: `${first.es}; y ${count - 1} problemas más no listados`,
    en: `${first.en}; and ${count - 1} more problems not listed`,
  }),
  unsupported: (
    at: Hl7Location,
    code: '200' | '201' | '202' | '203',
    es: string,
    en: string,
  ): Hl7Problem => ({ location: at, code, severity: 'E', es, en }),
};
