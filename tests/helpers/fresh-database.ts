import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.ts';

/**
 * A new, empty PostgreSQL database on the test server, for tests that must see only their own
 * entries (the shared test database receives every test file's traffic). Returns its URL.
 */
export async function freshDatabase(tag: string): Promise<string> {
  // Named after the run's database, so that global teardown drops it with it.
  const base = new URL(inject('databaseUrl')).pathname.slice(1);
  const name = `${base}_${tag}_${Math.floor(Math.random() * 1e9)}`;
  const admin = await openStore({ databaseUrl: inject('databaseUrl'), dataDir: '' });
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A store of each kind a test runs on: PostgreSQL in a fresh database named after `tag`, or PGlite in memory. */
export async function openTestStore(kind: 'postgres' | 'pglite', tag: string): Promise<Store> {
  return openStore(
    kind === 'postgres'
      ? { databaseUrl: await freshDatabase(tag), dataDir: '' }
      : { databaseUrl: undefined, dataDir: 'memory://' },
  );
}
