import { hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { HASH_SIZE } from './merkle/hash.ts';

/**
 * The message log's SHA-256 work per append: the salted payload digest before the INSERT and the
 * leaf hash after it (about 10 µs an entry, a fifth of the main thread's time per append).
 */
export interface LogHasher {
  /** SHA-256 of each `[start, end)` span of `bytes` (`spans` holds start, end pairs), concatenated. */
  digestSpans(bytes: Buffer, spans: Int32Array): Promise<Buffer>;
  /** RFC 9162 leaf hash, SHA-256(0x00 ‖ UTF-8(text)), of each canonical entry text, concatenated. */
  hashLeafTexts(texts: readonly string[]): Promise<Buffer>;
  /** Ends the hashing thread, if any. */
  close(): Promise<void>;
}

/** Hashing on the calling thread (tests, tools, and the fallback of the hashing thread). */
export const hashInThread: LogHasher = {
  digestSpans: (bytes, spans) => Promise.resolve(digestSpansNow(bytes, spans)),
  hashLeafTexts: (texts) => Promise.resolve(hashLeafTextsNow(texts)),
  close: () => Promise.resolve(),
};

function digestSpansNow(bytes: Buffer, spans: Int32Array): Buffer {
  const out = Buffer.alloc((HASH_SIZE * spans.length) / 2);
  for (let i = 0; i + 1 < spans.length; i += 2) {
    hash('sha256', bytes.subarray(spans[i], spans[i + 1]), 'buffer').copy(out, (i / 2) * HASH_SIZE);
  }
  return out;
}

function hashLeafTextsNow(texts: readonly string[]): Buffer {
  const out = Buffer.alloc(HASH_SIZE * texts.length);
  texts.forEach((text, i) => {
    hash('sha256', `\u0000${text}`, 'buffer').copy(out, i * HASH_SIZE);
  });
  return out;
}

interface Pending {
  resolve(hashes: Buffer): void;
  fallback(): void;
}

/**
 * Hashing on a worker thread (`hash-thread.mjs`), so that the main thread, which serves every
 * request and prepares every batch, spends its time on neither. Jobs are one message per batch.
 * Should the thread fail, every job waiting on it and every later one is hashed on the calling
 * thread instead: appends never wait on a dead thread. The thread does not keep the process alive.
 */
export function createLogHasher(): LogHasher {
  const worker = new Worker(new URL('./hash-thread.mjs', import.meta.url));
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let dead = false;
  const failAll = (): void => {
    dead = true;
    for (const job of pending.values()) {
      job.fallback();
    }
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', failAll);
  worker.on('message', (m: { id: number; hashes?: Uint8Array; error?: string }) => {
    const job = pending.get(m.id);
    pending.delete(m.id);
    if (m.hashes === undefined) {
      job?.fallback();
    } else {
      job?.resolve(Buffer.from(m.hashes.buffer, m.hashes.byteOffset, m.hashes.byteLength));
    }
  });
  const submit = (job: object, now: () => Buffer): Promise<Buffer> => {
    if (dead) {
      return Promise.resolve(now());
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, {
        resolve,
        fallback: () => {
          resolve(now());
        },
      });
      worker.postMessage({ id, ...job });
    });
  };
  return {
    digestSpans: (bytes, spans) => submit({ bytes, spans }, () => digestSpansNow(bytes, spans)),
    hashLeafTexts: (texts) => submit({ texts: texts.join('\n') }, () => hashLeafTextsNow(texts)),
    close: async () => {
      dead = true;
      await worker.terminate();
    },
  };
}
