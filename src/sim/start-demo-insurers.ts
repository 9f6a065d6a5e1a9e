import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keyFilesOf } from '../jose/key-files.ts';
import { loadSigningKey } from '../jose/signing-key.ts';
import type { Registry } from '../registry/participant.ts';
import { buildDemoInsurerFor } from './build-demo-insurer-for.ts';
import type { Hl7Profiles } from '../formats/hl7v2/profile/profile-types.ts';
import type { MappingSet } from '../mapping/load-mappings.ts';
import type { InsuredPerson } from './population.ts';

const LOCAL = ['localhost', '127.0.0.1'];

export interface DemoInsurers {
  readonly urls: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts one demo insurer for every IAFAS of the registry whose endpoint is on this machine
 * (`localhost` or `127.0.0.1`), listening on the endpoint's port with `certs/dev/<code>.crt`,
 * speaking the endpoint's format (FHIR, SITEDS, or HL7 v2: over MLLP/TLS for `mllps://`, over
 * HTTPS for `https://`).
 */
export async function startDemoInsurers(
  registry: Registry,
  population: readonly InsuredPerson[],
  certsDir: string,
  mappings: MappingSet,
  hl7Profiles: Hl7Profiles,
): Promise<DemoInsurers> {
  const apps: { close(): Promise<unknown> }[] = [];
  const urls: string[] = [];
  const ca = readFileSync(path.join(certsDir, 'ca.crt'), 'utf8');
  try {
    for (const p of registry.participants) {
      const endpoint = p.endpoint;
      const url = endpoint === undefined ? undefined : new URL(endpoint.url);
      if (endpoint === undefined || url === undefined || !LOCAL.includes(url.hostname)) {
        continue;
      }
      const options = {
        insurer: { code: p.code, name: p.name },
        tls: {
          key: readFileSync(path.join(certsDir, `${p.code}.key`), 'utf8'),
          cert: readFileSync(path.join(certsDir, `${p.code}.crt`), 'utf8'),
          ca,
        },
        registry,
        population,
        signer: loadSigningKey(keyFilesOf(certsDir, p.code).activeKey),
      };
      const insurer = buildDemoInsurerFor(endpoint.format, url.protocol, {
        ...options,
        mappings,
        profiles: hl7Profiles,
      });
      apps.push(insurer);
      await insurer.listen(Number(url.port), '127.0.0.1');
      urls.push(endpoint.url);
    }
  } catch (err) {
    await Promise.all(apps.map((a) => a.close()));
    throw err;
  }
  return {
    urls,
    close: async () => {
      await Promise.all(apps.map((a) => a.close()));
    },
  };
}
