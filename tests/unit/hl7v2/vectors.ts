import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';

/** The bytes of a vector in `conformance/vectors/hl7v2/` (see its SOURCE.md). */
export function hl7Vector(name: string): Buffer {
  return readFileSync(path.join(PROJECT_ROOT, 'conformance/vectors/hl7v2', name));
}
