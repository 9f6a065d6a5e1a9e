import type { Config } from '../config/config.ts';
import { createPgMessageLog, type LogEntry } from '../log/message-log.ts';
import { createParticipantClient } from '../sim/participant-client.ts';
import { migrate } from '../store/migrate.ts';
import { openStore } from '../store/open-store.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Output } from './output.ts';

export const LOG_TAIL_USAGE =
  'siteds log tail [-n N] [--url URL --as <auditor>] [--direct] [--json]';

/**
 * `siteds log tail`: the latest message-log entries. By default it asks the running broker
 * (`GET /audit/log`, auditor certificate), because an embedded PGlite store can be open in one
 * process only; `--direct` reads the store itself (PostgreSQL, or PGlite while the broker is stopped).
 */
export async function runLogTail(argv: string[], config: Config, out: Output): Promise<number> {
  const { values } = parseOptions(argv, {
    n: { type: 'string', short: 'n', default: '20' },
    url: { type: 'string', default: `https://localhost:${config.port}` },
    as: { type: 'string', default: 'auditor-susalud' },
    certs: { type: 'string', default: config.certsDir },
    direct: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new UsageError('-n must be an integer from 1 to 1000');
  }
  const entries = values.direct
    ? await readDirect(config, n)
    : await readFromBroker(values.certs, values.as, values.url, n);
  if (typeof entries === 'string') {
    out.error(entries);
    return 1;
  }
  for (const e of entries) {
    out.log(values.json ? JSON.stringify(e) : formatEntry(e));
  }
  return 0;
}

async function readDirect(config: Config, n: number): Promise<LogEntry[]> {
  const store = await openStore(config);
  try {
    await migrate(store);
    return await createPgMessageLog(store).tail(n);
  } finally {
    await store.close();
  }
}

async function readFromBroker(
  certs: string,
  as: string,
  url: string,
  n: number,
): Promise<LogEntry[] | string> {
  const client = createParticipantClient(certs, as, url);
  try {
    const res = await client.get(`/audit/log?limit=${n}`);
    if (res.status !== 200) {
      return `broker answered HTTP ${res.status}: ${res.body.toString('utf8')}`;
    }
    return (JSON.parse(res.body.toString('utf8')) as { entries: LogEntry[] }).entries;
  } finally {
    await client.close();
  }
}

/** One line per entry: when, what, who to whom, outcome, size and salted-digest prefix. */
export function formatEntry(e: LogEntry): string {
  const at = new Date(e.loggedAt).toISOString();
  const parties = `${e.sender ?? '?'} → ${e.recipient ?? 'broker'}`;
  const status = e.httpStatus === null ? '' : ` ${e.httpStatus}`;
  const code = e.errorCode === null ? '' : ` ${e.errorCode}`;
  return `${e.id.padStart(6)} ${at} ${e.kind.padEnd(12)} ${parties.padEnd(28)} ${e.outcome}${status}${code} ${e.payloadSize}B digest:${(e.payloadDigest ?? '-').slice(0, 12)} ${e.correlationId}`;
}
