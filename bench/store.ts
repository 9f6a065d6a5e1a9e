import pg from 'pg';
import {
  createMemoryReplayGuard,
  createStoreReplayGuard,
  type ReplayGuard,
} from '../src/jose/replay-guard.ts';
import { createPgMessageLog, type MessageLog } from '../src/log/message-log.ts';
import { migrate } from '../src/store/migrate.ts';
import { openStore, type Store } from '../src/store/open-store.ts';

const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A migrated store for one benchmark run, and how to get rid of it afterwards. */
export interface BenchStore {
  readonly log: MessageLog;
  /** The broker's JWS replay guard: table `jws_replay` in the store, or in memory (diagnostic). */
  readonly replay: ReplayGuard;
  /** What the broker's `/readyz` calls. */
  checkReady(): Promise<void>;
  /** Human-readable description for the report. */
  readonly label: string;
  /** Number of rows in `message_log` (sanity check: 4 per exchange). */
  countEntries(): Promise<number>;
  /** Number of rows in `jws_replay` (sanity check: 2 per exchange); `undefined` when in memory. */
  countReplayEntries(): Promise<number | undefined>;
  /** Closes the pool and drops the benchmark database (PostgreSQL) or the PGlite instance. */
  dispose(): Promise<void>;
}

/** The PostgreSQL server version, or `undefined` when 127.0.0.1:5432 does not answer. */
export async function postgresVersion(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(
      "SELECT current_setting('server_version') AS v",
    );
    return rows[0]?.v;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `siteds_bench_<timestamp>` on the local PostgreSQL, migrates it, opens a pool on it. */
export async function openPostgresStore(): Promise<BenchStore> {
  const name = `siteds_bench_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const drop = (): Promise<void> => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  let store: Store;
  try {
    store = await openStore({
      databaseUrl: `postgresql://postgres@127.0.0.1:5432/${name}`,
      dataDir: 'memory://',
    });
    await migrate(store);
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  }
  return wrap(store, `PostgreSQL (database ${name}, dropped afterwards)`, async () => {
    await store.close();
    await drop();
  });
}

/** An in-memory PGlite store (embedded, not crash-durable), migrated. */
export async function openPgliteStore(): Promise<BenchStore> {
  const store = await openStore({ databaseUrl: undefined, dataDir: 'memory://' });
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return wrap(store, 'PGlite (memory://, in-process)', () => store.close());
}

async function countRows(store: Store, table: 'message_log' | 'jws_replay'): Promise<number> {
  const rows = await store.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

function wrap(store: Store, label: string, dispose: () => Promise<void>): BenchStore {
  return {
    log: createPgMessageLog(store),
    replay: createStoreReplayGuard(store),
    async checkReady() {
      await store.query('SELECT 1');
    },
    label,
    countEntries: () => countRows(store, 'message_log'),
    countReplayEntries: () => countRows(store, 'jws_replay'),
    dispose,
  };
}

/**
 * Diagnostic only: a message log that keeps nothing (it counts appends and answers at once) and
 * an in-memory replay guard. The broker is otherwise unchanged (it still signs and verifies), so
 * this isolates the cost of the extra hop and the signatures from the store's.
 */
export function openDiscardingStore(): BenchStore {
  let appended = 0;
  const log: MessageLog = {
    append: () => Promise.resolve({ id: String(++appended), loggedAt: new Date().toISOString() }),
    tail: () => Promise.resolve([]),
    findByCorrelation: () => Promise.resolve([]),
    readPayload: () => Promise.resolve(undefined),
  };
  return {
    log,
    replay: createMemoryReplayGuard(),
    checkReady: () => Promise.resolve(),
    label: 'none (diagnostic: log entries discarded, replay ids in memory, not durable)',
    countEntries: () => Promise.resolve(appended),
    countReplayEntries: () => Promise.resolve(undefined),
    dispose: () => Promise.resolve(),
  };
}
