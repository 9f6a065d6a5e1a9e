/** A fixed-window counter per key (a client IP): `take` says whether one more is allowed. */
export interface RateLimiter {
  take(key: string): boolean;
}

export interface RateLimit {
  /** Most actions per key in one window. */
  readonly max: number;
  readonly windowMs: number;
}

/** Five comments per address per ten minutes. */
export const COMMENT_RATE: RateLimit = { max: 5, windowMs: 10 * 60_000 };

/**
 * In memory, per process: behind a load balancer each node counts its own (so the limit is per
 * node; the store is not written for every anonymous attempt). Old windows are dropped when the
 * map grows, so a flood of addresses cannot grow it without bound.
 */
export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const t = now();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) {
          if (t - w.start >= limit.windowMs) {
            windows.delete(k);
          }
        }
      }
      const w = windows.get(key);
      if (w === undefined || t - w.start >= limit.windowMs) {
        windows.set(key, { start: t, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= limit.max;
    },
  };
}
