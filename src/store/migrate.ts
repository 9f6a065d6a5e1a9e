import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Store } from './open-store.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Arbitrary constant key for the migration advisory lock. */
const MIGRATION_LOCK = 727_001;

/**
 * Applies the SQL files in `src/store/migrations/` in name order, once each, recording them in
 * `schema_migrations`. Each file runs in its own transaction under an advisory lock, so broker
 * processes starting together against one PostgreSQL do not race. Returns the names applied.
 */
export async function migrate(store: Store, dir = MIGRATIONS_DIR): Promise<string[]> {
  // Even CREATE TABLE IF NOT EXISTS races between processes; take the lock first.
  await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const name of files) {
    const ran = await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (done.length > 0) {
        return false;
      }
      await tx.exec(readFileSync(path.join(dir, name), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (ran) {
      applied.push(name);
    }
  }
  return applied;
}
