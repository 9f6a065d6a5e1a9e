import type { Store } from '../store/open-store.ts';
import { insertEntries } from './insert-entries.ts';
import type { LogEntryInput } from './message-log.ts';

interface Waiting {
  readonly entry: LogEntryInput;
  resolve(value: { id: string; loggedAt: Date }): void;
  reject(err: unknown): void;
}

/**
 * Group commit: appends that arrive while writes are in flight wait and are written together in
 * the next statement (at most `maxBatch` rows, at most `maxInFlight` statements at once). One
 * batch is one INSERT statement, committed on its own; each caller resolves only when its batch
 * has committed, so every append is as durable as if written alone, for a fraction of the
 * fsyncs. The first append on an idle log is written at once (no waiting window): under load,
 * batches grow by themselves while the writes in flight take their time.
 */
export function createGroupCommit(
  store: Store,
  maxBatch = 1000,
  maxInFlight = 2,
): (entry: LogEntryInput) => Promise<{ id: string; loggedAt: Date }> {
  const queue: Waiting[] = [];
  let writing = 0;
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
      await writeBatch(queue.splice(0, maxBatch));
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
