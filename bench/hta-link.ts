/**
 * What linking HTA reports costs an eligibility answer: `linkHtaReports` (one indexed query per
 * coded item, against a PostgreSQL database with the demo reports) per answer, against the
 * baseline the broker already pays on every answer, validating it against
 * CoverageEligibilityResponsePe, in the same run: interleaved batches, median of 7 after a
 * warm-up round. One answer = the demo insurer's answer to a request about one service.
 *
 *   npx tsx bench/hta-link.ts
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import { PROJECT_ROOT } from '../src/config/load-config.ts';
import { linkHtaReports } from '../src/eligibility/link-hta-reports.ts';
import { readEligibilityRequest } from '../src/formats/fhir/read-eligibility-request.ts';
import { seedDemoReports } from '../src/hta/demo/seed-reports.ts';
import { createHtaReportLookup } from '../src/hta/store/hta-report-lookup.ts';
import type { Exchange } from '../src/pipeline/exchange.ts';
import { answerEligibility } from '../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest, parseServiceCode } from '../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../src/sim/population.ts';
import { migrate } from '../src/store/migrate.ts';
import { openStore } from '../src/store/open-store.ts';
import { createValidator } from '../src/validation/create-validator.ts';

const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const RESPONSE_PE =
  'https://siteds-broker.github.io/fhir/StructureDefinition/CoverageEligibilityResponsePe';
const BATCHES = 7;
const PER_BATCH = 300;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Median answers per second of each workload; batches interleaved so load hits all alike. */
async function medianRates(workloads: readonly (() => Promise<void>)[]): Promise<number[]> {
  const rates = workloads.map(() => [] as number[]);
  for (let b = -1; b < BATCHES; b += 1) {
    for (const [w, work] of workloads.entries()) {
      const start = performance.now();
      for (let i = 0; i < PER_BATCH; i += 1) {
        await work();
      }
      if (b >= 0) {
        rates[w]?.push(PER_BATCH / ((performance.now() - start) / 1000)); // b = -1: warm-up
      }
    }
  }
  return rates.map((r) => r.sort((x, y) => x - y)[Math.floor(BATCHES / 2)] ?? 0);
}

const name = `siteds_bench_hta_${Date.now()}`;
await admin(`CREATE DATABASE ${name}`);
const store = await openStore({
  databaseUrl: `postgresql://postgres@127.0.0.1:5432/${name}`,
  dataDir: 'memory://',
});
try {
  await migrate(store);
  await seedDemoReports(store);
  const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
  const answer = answerEligibility(
    readEligibilityRequest(
      buildEligibilityRequest({
        ipress: '00009845',
        iafas: '20001',
        dni: '42000002',
        service: parseServiceCode('ATC:L04AB99'),
      }),
    ),
    { code: '20001', name: 'Rímac EPS (demo)' },
    population,
    new Date(),
  );
  const text = JSON.stringify(answer);
  const validate = createValidator().prepare([RESPONSE_PE]);
  const link = linkHtaReports(createHtaReportLookup(store, () => 'https://localhost:8444/hta'));
  let linked = 0;
  const [validation, linking] = await medianRates([
    () => {
      validate(JSON.parse(text) as CoverageEligibilityResponse);
      return Promise.resolve();
    },
    async () => {
      const x = { verdicts: {}, answerResource: JSON.parse(text) as unknown } as Exchange;
      await link(x);
      linked += x.answerAmended === undefined ? 0 : 1;
    },
  ]);
  if (linked !== (BATCHES + 1) * PER_BATCH) {
    throw new Error(`only ${linked} answers were linked`);
  }
  console.log(
    `validate answer (CoverageEligibilityResponsePe, baseline): ${validation?.toFixed(0)}/s`,
  );
  console.log(
    `linkHtaReports (1 coded item, PostgreSQL 127.0.0.1):        ${linking?.toFixed(0)}/s`,
  );
  console.log(
    `linking costs ${((validation ?? 0) / (linking ?? 1)).toFixed(2)}× an answer validation`,
  );
} finally {
  await store.close();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
