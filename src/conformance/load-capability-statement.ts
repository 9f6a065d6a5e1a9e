import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CapabilityStatement } from 'fhir/r4.js';

/**
 * Loads `conformance/CapabilityStatement-<name>.json` (`broker`, or `hta` for the HTA
 * repository); a missing or wrong file stops start-up.
 */
export function loadCapabilityStatement(
  conformanceDir: string,
  name: 'broker' | 'hta' = 'broker',
): CapabilityStatement {
  const file = path.join(conformanceDir, `CapabilityStatement-${name}.json`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read JSON: ${(err as Error).message}`);
  }
  const cs = doc as Partial<CapabilityStatement>;
  const problems = [
    cs.resourceType === 'CapabilityStatement' ? '' : 'resourceType must be CapabilityStatement',
    cs.fhirVersion === '4.0.1' ? '' : 'fhirVersion must be 4.0.1',
    Array.isArray(cs.rest) && cs.rest.length > 0 ? '' : 'rest: at least one entry',
  ].filter((p) => p !== '');
  if (problems.length > 0) {
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  return Object.freeze(cs as CapabilityStatement);
}
