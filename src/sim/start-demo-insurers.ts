import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { keyFilesOf } from '../jose/key-files.ts';
import { loadSigningKey } from '../jose/signing-key.ts';
import type { Registry } from '../registry/participant.ts';
import { buildDemoInsurer } from './demo-insurer.ts';
import { buildSitedsDemoInsurer } from './siteds-demo-insurer.ts';
import type { MappingSet } from '../mapping/load-mappings.ts';
import type { InsuredPerson } from './population.ts';

export interface DemoInsurers {
  readonly urls: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts one demo insurer for every IAFAS of the registry whose endpoint is on this machine
 * (`localhost` or `127.0.0.1`), listening on the endpoint's port with `certs/dev/<code>.crt`,
 * speaking the endpoint's format (FHIR or SITEDS).
 */
export async function startDemoInsurers(
  registry: Registry,
  population: readonly InsuredPerson[],
  certsDir: string,
  mappings: MappingSet,
): Promise<DemoInsurers> {
  const apps: FastifyInstance[] = [];
  const urls: string[] = [];
  const ca = readFileSync(path.join(certsDir, 'ca.crt'), 'utf8');
  try {
    for (const p of registry.participants) {
      const url = p.endpoint === undefined ? undefined : new URL(p.endpoint.url);
      if (url === undefined || !['localhost', '127.0.0.1'].includes(url.hostname)) {
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
      const app =
        p.endpoint?.format === 'siteds'
          ? buildSitedsDemoInsurer({ ...options, mappings })
          : buildDemoInsurer(options);
      apps.push(app);
      await app.listen({ host: '127.0.0.1', port: Number(url.port) });
      urls.push(p.endpoint?.url ?? '');
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
