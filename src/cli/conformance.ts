import path from 'node:path';
import type { OperationOutcome } from 'fhir/r4.js';
import type { Config } from '../config/config.ts';
import { PROJECT_ROOT } from '../config/load-config.ts';
import { createParticipantClient } from '../sim/participant-client.ts';
import { readConformanceVectors } from '../validation/read-conformance-vectors.ts';
import {
  formatConformanceReport,
  runConformanceVectors,
} from '../validation/run-conformance-vectors.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Output } from './output.ts';

export const CONFORMANCE_USAGE =
  'siteds conformance run [--url URL] [--as CODE] [--certs DIR] [--vectors DIR]';

/**
 * `siteds conformance run`: sends every vector of `conformance/vectors/` to a running broker's
 * `POST /fhir/$validate` (as participant `--as`, with its certificate from `--certs`) and
 * prints one line per vector. Exit 0 when all pass, 1 on any mismatch.
 */
export async function runConformance(argv: string[], config: Config, out: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'run') {
    throw new UsageError(CONFORMANCE_USAGE);
  }
  const { values } = parseOptions(rest, {
    url: { type: 'string', default: `https://localhost:${config.port}` },
    as: { type: 'string', default: '00009845' },
    certs: { type: 'string', default: config.certsDir },
    vectors: { type: 'string', default: path.join(PROJECT_ROOT, 'conformance/vectors') },
  });
  const vectors = readConformanceVectors(values.vectors);
  if (vectors.length === 0) {
    throw new UsageError(`no vectors in ${values.vectors}`);
  }
  const client = createParticipantClient(values.certs, values.as, values.url);
  try {
    const results = await runConformanceVectors(vectors, async (vector) => {
      const query = vector.profiles.map((p) => `profile=${encodeURIComponent(p)}`).join('&');
      const res = await client.post(
        `/fhir/$validate${query ? `?${query}` : ''}`,
        vector.contentType,
        vector.body,
      );
      if (res.status !== 200) {
        throw new Error(`HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`);
      }
      return JSON.parse(res.body.toString('utf8')) as OperationOutcome;
    });
    for (const line of formatConformanceReport(results)) {
      out.log(line);
    }
    return results.every((r) => r.passed) ? 0 : 1;
  } finally {
    await client.close();
  }
}
