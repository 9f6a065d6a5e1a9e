import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.ts';
import { buildHtaApp, type HtaDeps } from './build-hta-app.ts';
import { seedDemoReports } from './demo/seed-reports.ts';

export interface RunningHta {
  readonly app: FastifyInstance;
  /** The public page, e.g. `https://localhost:8444/hta/`. */
  readonly url: string;
  readonly seeded: number;
}

/**
 * Starts the HTA repository beside the broker (same process, store, log and PKI) on
 * `SITEDS_HTA_PORT`; with the demo on, seeds the fictional reports first.
 */
export async function startHta(config: Config, deps: HtaDeps): Promise<RunningHta> {
  const seeded = config.demo ? await seedDemoReports(deps.store) : 0;
  const app = buildHtaApp(config, { ...deps, demo: config.demo });
  await app.listen({ host: config.host, port: config.htaPort });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.htaPort;
  return { app, url: `https://localhost:${port}/hta/`, seeded };
}
