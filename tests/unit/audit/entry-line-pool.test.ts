import { describe, expect, it } from 'vitest';
import { createEntryLinePool } from '../../../src/audit/entry-line-pool.ts';
import { exportedEntryLine } from '../../helpers/log-entries.ts';

const entryLine = (i: number): Buffer => Buffer.from(exportedEntryLine(i).line);

const lines = Array.from({ length: 8 }, (_, i) => entryLine(i));
// Entry 3 claims index 30: one problem, wherever the chunk is checked.
lines[3] = Buffer.from(lines[3]!.toString().replace('"index":3,', '"index":30,'));

async function checkAll(pool: ReturnType<typeof createEntryLinePool>) {
  try {
    const results = await Promise.all([
      pool.check(lines.slice(0, 4), 'null', 0),
      pool.check(lines.slice(4), 'null', 4),
    ]);
    return { results, threads: pool.threads() };
  } finally {
    await pool.close();
  }
}

describe('the verify worker pool', () => {
  it('checks chunks on bundled worker threads, as the calling thread does', async () => {
    const inThread = await checkAll(createEntryLinePool(0));
    const onWorkers = await checkAll(createEntryLinePool(2));
    expect(inThread.threads).toBe(0);
    expect(onWorkers.threads).toBe(2);
    expect(onWorkers.results).toEqual(inThread.results);
    expect(inThread.results[0].problems).toEqual([
      { at: 3, text: expect.stringMatching(/^entry 3: found index 30 \(id 4\)/) as unknown },
    ]);
    expect(inThread.results[0].root).toHaveLength(32); // 4 leaves: a perfect subtree
  });

  it('checks in the calling thread when the workers cannot be bundled or exit', async () => {
    const reference = await checkAll(createEntryLinePool(0));
    const unbundled = await checkAll(
      createEntryLinePool(2, () => Promise.reject(new Error('no esbuild'))),
    );
    const exiting = await checkAll(
      createEntryLinePool(2, () => Promise.resolve('process.exit(3)')),
    );
    for (const run of [unbundled, exiting]) {
      expect(run.threads).toBe(0);
      expect(run.results).toEqual(reference.results);
    }
  });
});
