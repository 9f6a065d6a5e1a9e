import type { SqlClient } from '../store/open-store.ts';

/** Remembers message ids (`jti`) per sender so that a signed message is accepted once. */
export interface ReplayGuard {
  /** `true` the first time `(sender, jti)` is claimed, `false` after; kept until `expiresAt`. */
  claim(sender: string, jti: string, expiresAt: Date): Promise<boolean>;
}

/**
 * Replay protection in the store (table `jws_replay`), so it holds across restarts and across
 * broker processes sharing one database. Expired ids are purged now and then.
 */
export function createStoreReplayGuard(sql: SqlClient): ReplayGuard {
  let claims = 0;
  return {
    async claim(sender, jti, expiresAt) {
      if (++claims % 1000 === 0) {
        // Expiry was computed with this clock; purge with the same one.
        await sql.query('DELETE FROM jws_replay WHERE expires_at < $1', [new Date()]);
      }
      const rows = await sql.query(
        `INSERT INTO jws_replay (sender, jti, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (sender, jti) DO NOTHING RETURNING jti`,
        [sender, jti, expiresAt],
      );
      return rows.length === 1;
    },
  };
}

/** In-process replay protection, for the demo insurers (a simulator has no store). */
export function createMemoryReplayGuard(): ReplayGuard {
  const seen = new Map<string, number>();
  let claims = 0; // expired ids are purged every 1,000 claims, not scanned on each
  return {
    claim(sender, jti, expiresAt) {
      const now = Date.now();
      if (++claims % 1000 === 0) {
        for (const [k, exp] of seen) {
          if (exp < now) {
            seen.delete(k);
          }
        }
      }
      const id = `${sender}\u0000${jti}`;
      const expires = seen.get(id);
      if (expires !== undefined && expires >= now) {
        return Promise.resolve(false);
      }
      seen.set(id, expiresAt.getTime());
      return Promise.resolve(true);
    },
  };
}
