import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingResult } from '../../../mapping/mapping-issue.ts';
import { runMapping } from '../../../mapping/run-mapping.ts';

/** The HL7 v2 specs in mappings/hl7v2/. */
export const RQI_SPEC = 'hl7v2-rqi-i01-to-fhir';
export const RPI_SPEC = 'hl7v2-rpi-i01-to-fhir';

/** Runs a loaded HL7 v2 spec: `to-fhir` (v2 model → FHIR view) or `to-hl7` (back). */
export function runHl7Spec(
  mappings: MappingSet,
  id: string,
  direction: 'to-fhir' | 'to-hl7',
  source: unknown,
): MappingResult {
  return runMapping(mappings, id, direction === 'to-fhir' ? 'forward' : 'reverse', source);
}
