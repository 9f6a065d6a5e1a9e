import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { freePorts } from './free-ports.ts';

/**
 * A copy of the demo registry and population in `dir`, with certificates under `dir/certs` and
 * the demo insurers on free ports, and the environment that points `siteds start` at them.
 */
export async function scratchDemo(dir: string): Promise<Record<string, string>> {
  const demo = readFileSync(path.join(PROJECT_ROOT, 'conformance/demo-registry.json'), 'utf8');
  const registry = (await onFreePorts(demo)).replaceAll('certs/dev/', `${dir}/certs/`);
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

/**
 * The registry text with every demo insurer endpoint on this machine (`https://localhost:N`,
 * `mllps://localhost:N`) moved to a free port, so tests never collide with each other or with a
 * running `npm start`.
 */
export async function onFreePorts(registryText: string): Promise<string> {
  const pattern = /((?:https|mllps):\/\/localhost:)(\d+)/g;
  const found = [...new Set([...registryText.matchAll(pattern)].map((m) => m[2] ?? ''))];
  const ports = await freePorts(found.length);
  const byOld = new Map(found.map((old, i) => [old, String(ports[i] ?? 0)]));
  return registryText.replace(
    pattern,
    (_, head: string, port: string) => `${head}${byOld.get(port) ?? port}`,
  );
}
