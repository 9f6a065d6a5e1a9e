import { createMapper } from '../../../mapping/create-mapper.ts';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingResult } from '../../../mapping/mapping-issue.ts';

/** The HL7 v2 specs in mappings/hl7v2/. */
export const RQI_SPEC = 'hl7v2-rqi-i01-to-fhir';
export const RPI_SPEC = 'hl7v2-rpi-i01-to-fhir';

/**
 * Runs a loaded HL7 v2 spec: `to-fhir` (v2 model → FHIR view) or `to-hl7` (back). A missing spec
 * is a start-up error (specs are loaded and checked at start), so it throws naming the id.
 */
export function runHl7Spec(
  mappings: MappingSet,
  id: string,
  direction: 'to-fhir' | 'to-hl7',
  source: unknown,
): MappingResult {
  const loaded = mappings.specs.get(id);
  if (loaded === undefined) {
    throw new Error(`mapping spec ${id} is not loaded (mappings/hl7v2/)`);
  }
  const mapper = createMapper(loaded.spec, mappings.conceptMaps);
  if (direction === 'to-fhir') {
    return mapper.map(source);
  }
  if (mapper.reverse === undefined) {
    throw new Error(`mapping spec ${id} is not bidirectional`);
  }
  return mapper.reverse(source);
}
