import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundleWorker } from '../workers/bundle-worker.ts';
import { checkEntryLines, type EntryLinesResult } from './check-entry-lines.ts';
import { packEntryLines } from './entry-line-chunk.ts';

/** Checks chunks of an export's entry lines (each line's bytes) on worker threads. */
export interface EntryLinePool {
  check(
    lines: readonly Uint8Array[],
    keysJson: string,
    firstIndex: number,
  ): Promise<EntryLinesResult>;
  /** Worker threads that have checked a chunk so far (0: the calling thread checked them all). */
  threads(): number;
  close(): Promise<void>;
}

interface Job {
  resolve(result: EntryLinesResult): void;
  inThread(): void;
}

const IN_THREAD: EntryLinePool = {
  check: (lines, keysJson, firstIndex) =>
    new Promise((resolve) => {
      resolve(checkEntryLines(packEntryLines(lines), keysJson, firstIndex));
    }),
  threads: () => 0,
  close: () => Promise.resolve(),
};

/**
 * `size` worker threads (one per core by default; 0: the calling thread checks every chunk):
 * `audit verify` is CPU work (SHA-256 for every leaf, a signature check for every exported
 * payload), and one thread does not reach the rates on this project's 2-vCPU machine.
 * The workers run `verify-worker.ts` bundled by esbuild (`bundleWorker`). Should the bundle or a
 * worker fail, its jobs and every later one run in the calling thread: the result is the same,
 * only slower.
 */
export function createEntryLinePool(
  size = availableParallelism(),
  bundle: () => Promise<string> = () =>
    bundleWorker(new URL('./verify-worker.ts', import.meta.url)),
): EntryLinePool {
  if (size <= 0) {
    return IN_THREAD;
  }
  // Chunks queue while the bundle is built (≈0.05 s); the caller goes on reading meanwhile.
  let pool: EntryLinePool = IN_THREAD;
  const started = bundle().then(
    (script) => (pool = startPool(script, size)),
    () => IN_THREAD,
  );
  return {
    check: (lines, keysJson, firstIndex) =>
      started.then((p) => p.check(lines, keysJson, firstIndex)),
    threads: () => pool.threads(),
    close: () => started.then((p) => p.close()),
  };
}

interface PoolState {
  readonly jobs: Map<number, Job>;
  /** Chunk memory the workers gave back, for the next chunks. */
  readonly spares: ArrayBuffer[];
  nextId: number;
  failed: boolean;
}

interface PoolWorker {
  readonly thread: Worker;
  /** Chunks sent to it and not yet answered: each goes to the worker with the fewest. */
  queued: number;
  answered: number;
}

function startPool(script: string, size: number): EntryLinePool {
  const state: PoolState = { jobs: new Map(), spares: [], nextId: 0, failed: false };
  const workers = Array.from({ length: size }, () => startWorker(script, state));
  return {
    check(lines, keysJson, firstIndex) {
      if (state.failed) {
        return IN_THREAD.check(lines, keysJson, firstIndex);
      }
      const id = state.nextId++;
      return new Promise((resolve, reject) => {
        state.jobs.set(id, {
          resolve,
          inThread: () => {
            IN_THREAD.check(lines, keysJson, firstIndex).then(resolve, reject);
          },
        });
        // The packed bytes move to the worker (no copy); `lines` stay for the fallback.
        const chunk = packEntryLines(lines, state.spares.pop());
        const move = [chunk.bytes.buffer, chunk.ends.buffer] as ArrayBuffer[];
        const worker = workers.reduce((a, b) => (b.queued < a.queued ? b : a));
        worker.queued += 1;
        worker.thread.postMessage({ id, chunk, keysJson, firstIndex }, move);
      });
    },
    threads: () => workers.filter((w) => w.answered > 0).length,
    async close() {
      state.failed = true;
      await Promise.all(workers.map((w) => w.thread.terminate()));
    },
  };
}

/** One worker; should any fail, every job under way and every later one runs in this thread. */
function startWorker(script: string, state: PoolState): PoolWorker {
  const worker: PoolWorker = {
    thread: new Worker(script, { eval: true }),
    queued: 0,
    answered: 0,
  };
  const fail = (): void => {
    state.failed = true;
    for (const job of state.jobs.values()) {
      job.inThread();
    }
    state.jobs.clear();
  };
  worker.thread.on('error', fail);
  worker.thread.on('exit', fail);
  worker.thread.on('message', (m: WorkerAnswer) => {
    worker.queued -= 1;
    if (m.spare !== undefined) {
      state.spares.push(m.spare);
    }
    const job = state.jobs.get(m.id);
    state.jobs.delete(m.id);
    if (m.result === undefined) {
      job?.inThread();
    } else {
      worker.answered += 1;
      job?.resolve(m.result);
    }
  });
  return worker;
}

/** What `verify-worker.ts` answers for a chunk: its result (or not: an error), and its memory. */
interface WorkerAnswer {
  readonly id: number;
  readonly result?: EntryLinesResult;
  readonly spare?: ArrayBuffer;
}
