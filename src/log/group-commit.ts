import type { Store } from '../store/open-store.ts';
import { insertEntries } from './insert-entries.ts';
import type { LogEntryInput } from './message-log.ts';

interface Waiting {
  readonly entry: LogEntryInput;
  resolve(value: { id: string; loggedAt: Date }): void;
  reject(err: unknown): void;
}

/**
 * Group commit: appends that arrive while writes are in flight are written together in the next
 * transaction (at most `maxBatch` rows, at most `maxInFlight` transactions at once), and each
 * caller resolves only when its batch has committed, so every append is as durable as if written
 * alone, for a fraction of the fsyncs.
 */
export function createGroupCommit(
  store: Store,
  maxBatch = 200,
  maxInFlight = 4,
): (entry: LogEntryInput) => Promise<{ id: string; loggedAt: Date }> {
  const queue: Waiting[] = [];
  let writing = 0;
  const flush = async (): Promise<void> => {
    writing += 1;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const done = await store.transaction((tx) =>
          insertEntries(
            tx,
            batch.map((w) => w.entry),
          ),
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
    }
    writing -= 1;
  };
  return (entry) =>
    new Promise((resolve, reject) => {
      queue.push({ entry, resolve, reject });
      if (writing < maxInFlight) {
        void flush();
      }
    });
}
