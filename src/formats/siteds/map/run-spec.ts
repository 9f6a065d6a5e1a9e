import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingResult } from '../../../mapping/mapping-issue.ts';
import { runMapping } from '../../../mapping/run-mapping.ts';

/** Which way a bidirectional SITEDS spec runs: SITEDS model → FHIR view, or back. */
export type SpecDirection = 'to-fhir' | 'to-siteds';

/** Runs the loaded SITEDS spec `id` one way (see `runMapping`). */
export function runSpec(
  mappings: MappingSet,
  id: string,
  direction: SpecDirection,
  source: unknown,
): MappingResult {
  return runMapping(mappings, id, direction === 'to-fhir' ? 'forward' : 'reverse', source);
}
