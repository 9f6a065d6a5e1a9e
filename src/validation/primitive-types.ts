import type { ElementDefinitionType, StructureDefinition } from 'fhir/r4.js';
import { CALENDAR_TYPES, isCalendarDay } from './check-calendar.ts';

const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const REGEX_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/regex';
const SYSTEM_PREFIX = 'http://hl7.org/fhirpath/System.';
const NUMBERS: ReadonlySet<string> = new Set(['decimal', 'integer', 'positiveInt', 'unsignedInt']);
const INTEGERS: ReadonlySet<string> = new Set(['integer', 'positiveInt', 'unsignedInt']);

/** How a primitive type is written in JSON, and the value's lexical rule. */
export interface PrimitiveRule {
  readonly code: string;
  readonly json: 'boolean' | 'number' | 'string';
  /** The R4 regex of the type (from its definition), anchored; undefined for `xhtml`. */
  readonly pattern: RegExp | undefined;
  /** Integers: the allowed range (32-bit, positive, unsigned). */
  readonly range: readonly [number, number] | undefined;
}

/**
 * The primitive types of R4 with the regexes the specification gives in each type's
 * `value` element (`http://hl7.org/fhir/StructureDefinition/regex`).
 */
export function buildPrimitiveRules(
  definitions: Iterable<StructureDefinition>,
): Map<string, PrimitiveRule> {
  const rules = new Map<string, PrimitiveRule>();
  for (const sd of definitions) {
    if (sd.kind !== 'primitive-type') {
      continue;
    }
    const value = sd.snapshot?.element.find((e) => e.path === `${sd.type}.value`);
    const regex = value?.type?.[0]?.extension?.find((x) => x.url === REGEX_EXTENSION)?.valueString;
    rules.set(sd.type, {
      code: sd.type,
      json: sd.type === 'boolean' ? 'boolean' : NUMBERS.has(sd.type) ? 'number' : 'string',
      pattern: regex === undefined ? undefined : new RegExp(`^(?:${regex})$`),
      range: INTEGERS.has(sd.type) ? rangeOf(sd.type) : undefined,
    });
  }
  return rules;
}

function rangeOf(type: string): readonly [number, number] {
  const max = 2_147_483_647;
  return type === 'positiveInt' ? [1, max] : type === 'unsignedInt' ? [0, max] : [-max - 1, max];
}

/**
 * The FHIR type code of an element type: the `structuredefinition-fhir-type` extension of
 * FHIRPath system types (`Resource.id` is an `id`), else the code.
 */
export function typeCodeOf(type: ElementDefinitionType): string {
  const fhirType = type.extension?.find((x) => x.url === FHIR_TYPE_EXTENSION)?.valueUrl;
  if (fhirType !== undefined) {
    return fhirType;
  }
  if (type.code.startsWith(SYSTEM_PREFIX)) {
    const name = type.code.slice(SYSTEM_PREFIX.length);
    return name === 'DateTime' ? 'dateTime' : name.charAt(0).toLowerCase() + name.slice(1);
  }
  return type.code;
}

/**
 * Why a JSON value is not a valid instance of the primitive, or undefined when it is: its JSON
 * type, integer ranges, the R4 regex, and for dates a day that exists (leap years included).
 */
export function primitiveProblem(
  value: unknown,
  rule: PrimitiveRule,
): 'type' | 'format' | undefined {
  if (typeof value !== rule.json) {
    return 'type';
  }
  if (typeof value === 'number') {
    const [min, max] = rule.range ?? [-Infinity, Infinity];
    if (!Number.isFinite(value) || (rule.range !== undefined && !Number.isInteger(value))) {
      return 'format';
    }
    return value < min || value > max ? 'format' : undefined;
  }
  if (typeof value === 'string' && rule.pattern !== undefined && !rule.pattern.test(value)) {
    return 'format';
  }
  if (typeof value === 'string' && CALENDAR_TYPES.has(rule.code) && !isCalendarDay(value)) {
    return 'format';
  }
  return undefined;
}
