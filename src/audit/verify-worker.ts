// A verify worker thread, started by `entry-line-pool.ts` from this module bundled by esbuild.
import { parentPort } from 'node:worker_threads';
import { checkEntryLines } from './check-entry-lines.ts';
import type { EntryLineChunk } from './entry-line-chunk.ts';

interface Job {
  id: number;
  chunk: EntryLineChunk;
  keysJson: string;
  firstIndex: number;
}

parentPort?.on('message', (job: Job) => {
  try {
    const result = checkEntryLines(job.chunk, job.keysJson, job.firstIndex);
    // The chunk's memory goes back with the result, for the next chunk (`packEntryLines`).
    const move = [result.leaves.buffer, job.chunk.bytes.buffer] as ArrayBuffer[];
    parentPort?.postMessage({ id: job.id, result, spare: job.chunk.bytes.buffer }, move);
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: String(err) });
  }
});
