import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { freePorts } from './free-ports.ts';

/**
 * A copy of the demo registry and population in `dir`, with certificates under `dir/certs` and
 * the demo insurers on free ports, and the environment that points `siteds start` at them.
 */
export async function scratchDemo(dir: string): Promise<Record<string, string>> {
  const [a = 0, b = 0, c = 0, d = 0] = await freePorts(4);
  const registry = readFileSync(path.join(PROJECT_ROOT, 'conformance/demo-registry.json'), 'utf8')
    .replace(':9101/', `:${a}/`)
    .replace(':9102/', `:${b}/`)
    .replace(':9103/', `:${c}/`) // the SITEDS demo insurer
    .replace('localhost:9104', `localhost:${d}`) // the HL7 v2 demo insurer (MLLP/TLS)
    .replaceAll('certs/dev/', `${dir}/certs/`);
  writeFileSync(path.join(dir, 'registry.json'), registry);
  cpSync(
    path.join(PROJECT_ROOT, 'conformance/demo-population.json'),
    path.join(dir, 'population.json'),
  );
  return {
    SITEDS_CERTS_DIR: path.join(dir, 'certs'),
    SITEDS_REGISTRY: path.join(dir, 'registry.json'),
    SITEDS_POPULATION: path.join(dir, 'population.json'),
    // The HTA repository listens beside the broker: on a free port too.
    SITEDS_HTA_PORT: '0',
    // And the HL7 v2 MLLP/TLS listener.
    SITEDS_MLLP_PORT: '0',
  };
}
