// A verify worker thread (started by `entry-line-pool.ts` through `run-ts-worker.mjs`).
import { parentPort } from 'node:worker_threads';
import { checkEntryLines } from './check-entry-lines.ts';

interface Job {
  id: number;
  lines: string[];
  keysJson: string;
  firstIndex: number;
}

parentPort?.on('message', (job: Job) => {
  checkEntryLines(job.lines, job.keysJson, job.firstIndex).then(
    (result) => parentPort?.postMessage({ id: job.id, result }),
    (err: unknown) => parentPort?.postMessage({ id: job.id, error: String(err) }),
  );
});
