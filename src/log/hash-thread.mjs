// @ts-check
// The message log's hashing thread (see `log-hasher.ts`): SHA-256 over spans of a buffer, or over
// texts. Plain JavaScript: a worker thread does not run through tsx's TypeScript loader.
import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const HASH_SIZE = 32;

/**
 * @param {{ id: number, bytes?: Uint8Array, spans?: Int32Array, texts?: string }} job
 *   `bytes` with `spans` (start, end pairs): SHA-256 of each span; `texts` (lines): SHA-256 of
 *   `0x00 ‖ UTF-8(line)` for each line (RFC 9162 leaf hashes of canonical entries).
 */
function run(job) {
  if (job.texts !== undefined) {
    const lines = job.texts.split('\n');
    const out = Buffer.alloc(HASH_SIZE * lines.length);
    lines.forEach((line, i) => {
      hash('sha256', `\u0000${line}`, 'buffer').copy(out, i * HASH_SIZE);
    });
    return out;
  }
  const bytes = Buffer.from(
    job.bytes?.buffer ?? new ArrayBuffer(0),
    job.bytes?.byteOffset,
    job.bytes?.byteLength,
  );
  const spans = job.spans ?? new Int32Array(0);
  const out = Buffer.alloc((HASH_SIZE * spans.length) / 2);
  for (let i = 0; i < spans.length; i += 2) {
    hash('sha256', bytes.subarray(spans[i], spans[i + 1]), 'buffer').copy(out, (i / 2) * HASH_SIZE);
  }
  return out;
}

parentPort?.on('message', (/** @type {{ id: number }} */ job) => {
  try {
    const hashes = run(job);
    parentPort?.postMessage({ id: job.id, hashes });
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: String(err) });
  }
});
