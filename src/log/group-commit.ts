import type { Store } from '../store/open-store.ts';
import { insertEntries } from './insert-entries.ts';
import type { LogEntryInput } from './message-log.ts';

interface Waiting {
  readonly entry: LogEntryInput;
  resolve(value: { id: string; loggedAt: Date }): void;
  reject(err: unknown): void;
}

/**
 * Group commit: appends that arrive while a write is in flight wait and are written together in
 * the next one (at most `maxBatch` rows and `maxBytes` of payload). One batch is one
 * INSERT statement, committed on its
 * own; each caller resolves only when its batch has committed, so every append is as durable as
 * if written alone, for a fraction of the statements and fsyncs. The first append on an idle log
 * is written at once. A second write (at most `maxInFlight`) starts only when half a batch is
 * already waiting: each statement has a fixed cost (about 0.7 ms of server CPU for parsing,
 * planning and committing, and as much again in this process and the kernel, measured with
 * `bench/log-appends.ts`), so under load fewer, larger batches cost less CPU per entry than
 * more, smaller ones.
 */
export function createGroupCommit(
  store: Store,
  maxBatch = 1000,
  maxInFlight = 2,
  maxBytes = MAX_BATCH_BYTES,
): (entry: LogEntryInput) => Promise<{ id: string; loggedAt: Date }> {
  const queue: Waiting[] = [];
  let writing = 0;
  const crowd = Math.ceil(maxBatch / 2);
  const writeBatch = async (batch: readonly Waiting[]): Promise<void> => {
    try {
      const done = await insertEntries(
        store,
        batch.map((w) => w.entry),
      );
      batch.forEach((w, i) => {
        const result = done[i];
        if (result === undefined) {
          w.reject(new Error('message log batch returned fewer rows'));
        } else {
          w.resolve(result);
        }
      });
    } catch (err) {
      batch.forEach((w) => {
        w.reject(err);
      });
    }
  };
  const flush = async (): Promise<void> => {
    writing += 1;
    while (queue.length > 0) {
      await writeBatch(queue.splice(0, batchLength(queue, maxBatch, maxBytes)));
    }
    writing -= 1;
  };
  return (entry) =>
    new Promise((resolve, reject) => {
      queue.push({ entry, resolve, reject });
      if (writing === 0 || (writing < maxInFlight && queue.length >= crowd)) {
        void flush();
      }
    });
}

/**
 * Payload bytes one statement carries at most: the payloads travel as one `bytea` parameter,
 * which PostgreSQL caps at 1 GB (a single payload is bounded by `SITEDS_BODY_LIMIT`, 64 MiB).
 */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/** How many waiting appends the next batch takes: at most `maxBatch` and `maxBytes`, at least one. */
function batchLength(queue: readonly Waiting[], maxBatch: number, maxBytes: number): number {
  let bytes = 0;
  let n = 0;
  for (const w of queue) {
    bytes += w.entry.payload.length;
    if (n === maxBatch || (n > 0 && bytes > maxBytes)) {
      break;
    }
    n += 1;
  }
  return n;
}
