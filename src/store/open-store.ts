import { mkdirSync } from 'node:fs';
import pg from 'pg';

/** The SQL a store runs: parameterized single statements, and parameterless scripts. */
export interface SqlClient {
  /** One statement with `$n` parameters; resolves to its rows. */
  query<R extends object>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
  /** A script of several statements, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface QueryOptions {
  /**
   * Prepare the statement once per connection under this name and only bind and execute it
   * afterwards (PostgreSQL; PGlite runs it as usual). For hot statements: parsing and planning a
   * statement costs about as much as inserting a hundred rows. One name, one text.
   */
  readonly name?: string;
}

/** The broker's database: PostgreSQL in production, embedded PGlite for trying and testing. */
export interface Store extends SqlClient {
  /** `postgres` (durable) or `pglite` (embedded, not crash-durable: dev and tests). */
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Closes the store; safe to call more than once. */
  close(): Promise<void>;
}

export interface StoreOptions {
  readonly databaseUrl: string | undefined;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  readonly dataDir: string;
}

/**
 * Opens PostgreSQL (through `pg`) when `databaseUrl` is set, otherwise PGlite in `dataDir`
 * (through its own API: its node-postgres adapter loses the connection, then the process, on the
 * first failing parameterized query). The same SQL runs on both.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  return options.databaseUrl === undefined
    ? openPglite(options.dataDir)
    : openPostgres(options.databaseUrl);
}

function openPostgres(connectionString: string): Store {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead
  const over = (c: pg.Pool | pg.PoolClient): SqlClient => ({
    query: async <R extends object>(
      sql: string,
      params?: readonly unknown[],
      options?: QueryOptions,
    ) =>
      (
        await c.query<R>({
          text: sql,
          values: (params ?? []) as unknown[],
          ...(options?.name === undefined ? {} : { name: options.name }),
        })
      ).rows,
    exec: async (sql) => {
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...over(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!pool.ended) {
        await pool.end();
      }
    },
  };
}

async function openPglite(dataDir: string): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create(dataDir);
  type Q = Pick<typeof db, 'query' | 'exec'>;
  const over = (q: Q): SqlClient => ({
    query: async <R extends object>(sql: string, params?: readonly unknown[]) =>
      (await q.query<R>(sql, params as unknown[] | undefined)).rows,
    exec: async (sql) => {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...over(db),
    transaction: (fn) => db.transaction((tx) => fn(over(tx))),
    async close() {
      if (!db.closed) {
        await db.close();
      }
    },
  };
}
