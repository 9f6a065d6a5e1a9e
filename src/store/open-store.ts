import { mkdirSync } from 'node:fs';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

/** The broker's database: a `pg` pool, over PostgreSQL or over embedded PGlite. */
export interface Store {
  readonly pool: pg.Pool;
  /** `postgres` (durable, production) or `pglite` (embedded, not crash-durable: dev and tests). */
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface StoreOptions {
  readonly databaseUrl: string | undefined;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  readonly dataDir: string;
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, otherwise PGlite in `dataDir`. Both are reached
 * through the same `pg.Pool` API (PGlite through its node-postgres adapter), so every query and
 * migration is written once.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl !== undefined) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    const close = async (): Promise<void> => {
      if (!pool.ended) {
        await pool.end();
      }
    };
    return { pool, kind: 'postgres', close };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  if (!options.dataDir.startsWith('memory://')) {
    mkdirSync(options.dataDir, { recursive: true });
  }
  const db: PGlite = await PGlite.create(options.dataDir);
  const pool = new pg.Pool(createPgConfig(db));
  return {
    pool,
    kind: 'pglite',
    close: async () => {
      if (!pool.ended) {
        await pool.end();
      }
      if (!db.closed) {
        await db.close();
      }
    },
  };
}
