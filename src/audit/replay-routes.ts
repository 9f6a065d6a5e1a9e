import type { FastifyInstance } from 'fastify';
import type { InsurerClient } from '../egress/insurer-client.ts';
import { brokerError } from '../errors/broker-error.ts';
import type { SignatureContext } from '../jose/signature-context.ts';
import type { MessageLog } from '../log/message-log.ts';
import type { SqlClient } from '../store/open-store.ts';
import { runReplay, type ReplayRequest } from './replay/run-replay.ts';
import type { RecomputeDeps } from './replay/recompute-exchange.ts';

export interface ReplayDeps extends RecomputeDeps {
  readonly sql: SqlClient;
  readonly log: MessageLog;
  readonly insurers: InsurerClient;
  readonly signatures: SignatureContext;
}

/**
 * `POST /audit/replay` (auditor role; JSON body `{id, from, to, participant?, mode: "dry"|"live",
 * target?: {url, insurer}, rate?, limit?}`): re-runs the logged requests and answers the report.
 */
export function registerReplayRoute(app: FastifyInstance, deps: ReplayDeps): void {
  app.post('/audit/replay', async (request) => {
    const auditor = request.identity.participant?.code ?? 'unknown';
    return runReplay({ ...deps, auditor }, readReplayRequest(request.body, deps));
  });
}

function readReplayRequest(body: unknown, deps: ReplayDeps): ReplayRequest {
  let q: Record<string, unknown>;
  try {
    q = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '') as Record<string, unknown>;
  } catch {
    throw brokerError('BRK_REQUEST_MALFORMED', 'the replay request must be a JSON object');
  }
  const date = (name: string): Date => {
    const value = typeof q[name] === 'string' ? new Date(q[name]) : new Date(NaN);
    if (Number.isNaN(value.getTime())) {
      throw brokerError('BRK_REQUEST_INVALID', `${name} must be an ISO 8601 time`, name);
    }
    return value;
  };
  if (typeof q.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(q.id)) {
    throw brokerError(
      'BRK_REQUEST_INVALID',
      'id must be a UUID (the run id; the same id runs once)',
      'id',
    );
  }
  const mode = q.mode === 'live' ? 'live' : 'dry';
  return {
    id: q.id,
    from: date('from'),
    to: date('to'),
    participant: typeof q.participant === 'string' ? q.participant : undefined,
    mode,
    target: mode === 'live' ? readTarget(q.target, deps) : undefined,
    ratePerSecond: typeof q.rate === 'number' && q.rate > 0 ? Math.min(q.rate, 200) : 20,
    limit: typeof q.limit === 'number' && q.limit > 0 ? Math.min(q.limit, 10_000) : 1000,
  };
}

function readTarget(raw: unknown, deps: ReplayDeps): ReplayRequest['target'] {
  const t = (raw ?? {}) as { url?: unknown; insurer?: unknown };
  const insurer = deps.registry.findByCode(typeof t.insurer === 'string' ? t.insurer : '');
  if (typeof t.url !== 'string' || !t.url.startsWith('https://') || insurer?.kind !== 'iafas') {
    throw brokerError(
      'BRK_REQUEST_INVALID',
      'a live replay needs target {url: https://…, insurer: <IAFAS code>}',
      'target',
    );
  }
  return { url: t.url.replace(/\/$/, ''), insurer, client: deps.insurers, sig: deps.signatures };
}
