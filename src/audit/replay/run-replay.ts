import { setTimeout as sleep } from 'node:timers/promises';
import type { MessageLog } from '../../log/message-log.ts';
import type { SqlClient } from '../../store/open-store.ts';
import { readLoggedExchanges, type LoggedExchange } from './logged-exchange.ts';
import { recomputeExchange, type Decision, type RecomputeDeps } from './recompute-exchange.ts';
import { sendLive, type LiveTarget } from './send-live.ts';

export interface ReplayRequest {
  /** The run's id: running the same id again returns the first run's report and does nothing. */
  readonly id: string;
  readonly from: Date;
  readonly to: Date;
  readonly participant?: string | undefined;
  /** `dry` recomputes decisions; `live` also sends each request to `target` and diffs the answers. */
  readonly mode: 'dry' | 'live';
  readonly target?: LiveTarget | undefined;
  /** At most this many requests per second (default 20). */
  readonly ratePerSecond: number;
  readonly limit: number;
}

export interface ReplayReport {
  readonly id: string;
  readonly mode: 'dry' | 'live';
  readonly alreadyRun: boolean;
  readonly replayed: number;
  readonly same: number;
  readonly different: number;
  readonly differences: readonly {
    entryId: string;
    correlationId: string;
    logged: unknown;
    replayed: unknown;
  }[];
}

/**
 * Re-runs logged requests without touching history: each result is appended as a `replay` entry
 * linked to the original (`replay_of`) under the run's id, and the run's report is stored once in
 * `replay_run`. A second run with the same id is a no-op that returns the stored report.
 */
export async function runReplay(
  deps: {
    sql: SqlClient;
    log: MessageLog;
    auditor: string;
  } & RecomputeDeps,
  request: ReplayRequest,
): Promise<ReplayReport> {
  const [done] = await deps.sql.query<{ report: ReplayReport }>(
    'SELECT report FROM replay_run WHERE id = $1',
    [request.id],
  );
  if (done !== undefined) {
    return { ...done.report, alreadyRun: true };
  }
  const exchanges = await readLoggedExchanges(deps.sql, request);
  const differences: ReplayReport['differences'][number][] = [];
  for (const logged of exchanges) {
    const result = await replayOne(deps, logged, request);
    const same = JSON.stringify(result.logged) === JSON.stringify(result.replayed);
    if (!same) {
      differences.push({ entryId: logged.entryId, correlationId: logged.correlationId, ...result });
    }
    await deps.log.append({
      correlationId: logged.correlationId,
      kind: 'replay',
      route: logged.route,
      sender: deps.auditor,
      contentType: 'application/json',
      payload: Buffer.from(JSON.stringify(result)),
      outcome: same ? 'same' : 'different',
      replayId: request.id,
      replayOf: logged.entryId,
    });
    await sleep(1000 / request.ratePerSecond);
  }
  const report: ReplayReport = {
    id: request.id,
    mode: request.mode,
    alreadyRun: false,
    replayed: exchanges.length,
    same: exchanges.length - differences.length,
    different: differences.length,
    differences,
  };
  await deps.sql.query(
    'INSERT INTO replay_run (id, requested_by, parameters, report) VALUES ($1, $2, $3, $4)',
    [
      request.id,
      deps.auditor,
      JSON.stringify({ ...request, target: request.target?.url }),
      JSON.stringify(report),
    ],
  );
  return report;
}

async function replayOne(
  deps: RecomputeDeps,
  logged: LoggedExchange,
  request: ReplayRequest,
): Promise<{ logged: unknown; replayed: unknown }> {
  const decision: Decision = await recomputeExchange(deps, logged);
  const before = { ...logged.final, forwardedTo: logged.forwardedTo };
  const toTarget =
    decision.forwardedTo !== null && decision.forwardedTo === request.target?.insurer.code;
  if (
    request.mode === 'dry' ||
    request.target === undefined ||
    !toTarget ||
    logged.request === undefined
  ) {
    return { logged: before, replayed: decision };
  }
  const live = await sendLive(request.target, logged.request);
  return {
    logged: { ...before, answer: normalizeAnswer(logged.insurerAnswer?.body) },
    replayed: { ...decision, answer: normalizeAnswer(live) },
  };
}

const VOLATILE = new Set(['created', 'id', 'meta']);

/** An answer without the members that differ on every call (time, ids). */
function normalizeAnswer(body: Buffer | undefined): unknown {
  if (body === undefined) {
    return null;
  }
  try {
    const answer = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(answer).filter(([k]) => !VOLATILE.has(k)));
  } catch {
    return body.toString('base64');
  }
}
