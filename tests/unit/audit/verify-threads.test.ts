import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyExport } from '../../../src/audit/verify-export.ts';
import { signCheckpoint } from '../../../src/log/merkle/checkpoint.ts';
import { encodeVerifierKey } from '../../../src/log/merkle/note.ts';
import { TreeBuilder } from '../../../src/log/merkle/tree.ts';
import { exportedEntryLine } from '../../helpers/log-entries.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'siteds-verify-threads-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An export of `n` entries with a signed checkpoint at each of `sizes`. */
function writeExport(file: string, n: number, sizes: readonly number[]): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const tree = new TreeBuilder();
  const lines = [
    JSON.stringify({
      type: 'log',
      origin: 'test',
      verifierKey: encodeVerifierKey('test', publicKey),
    }),
  ];
  const entries: string[] = [];
  for (let i = 0; i < n; i++) {
    const { line, leaf } = exportedEntryLine(i);
    tree.append(leaf);
    entries.push(line);
    if (sizes.includes(tree.size)) {
      const checkpoint = {
        origin: 'test',
        size: tree.size,
        rootHash: tree.rootHash(),
        timestamp: 1,
      };
      lines.push(
        JSON.stringify({
          type: 'checkpoint',
          note: signCheckpoint(checkpoint, privateKey, 'test'),
        }),
      );
    }
  }
  writeFileSync(file, `${[...lines, ...entries].join('\n')}\n`);
}

describe('audit verify on worker threads', () => {
  it('checks whole chunks as subtrees and checkpoints inside chunks leaf by leaf, as one thread does', async () => {
    const file = path.join(dir, 'clean.ndjson');
    // Chunks are 1,024 lines: 2048 and 4096 end one; 3000 and 5000 fall inside one (5000: the
    // last, partial chunk).
    writeExport(file, 5000, [2048, 3000, 4096, 5000]);
    const [inThread, onWorkers] = await Promise.all([
      verifyExport(file, { threads: 0 }),
      verifyExport(file, { threads: 2 }),
    ]);
    const clean = { entries: 5000, checkpoints: 4, payloads: 0, problems: [] };
    expect(onWorkers).toEqual({ ...clean, threads: 2 });
    expect(inThread).toEqual({ ...clean, threads: 0 });
  });

  it('finds a changed entry inside a whole chunk, and every checkpoint it breaks', async () => {
    const file = path.join(dir, 'changed.ndjson');
    writeExport(file, 5000, [2048, 3000, 4096, 5000]);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const at = lines.findIndex((l) => l.includes('"index":1000,'));
    lines[at] = lines[at]!.replace('fhir.eligibility.submit', 'fhir.eligibility.submiT');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const [inThread, onWorkers] = await Promise.all([
      verifyExport(file, { threads: 0 }),
      verifyExport(file, { threads: 2 }),
    ]);
    expect(onWorkers).toEqual({ ...inThread, threads: 2 });
    expect(onWorkers.problems[0]).toMatch(/^entry 1000 \(id 1001\): its content does not match/);
    // The tree is rebuilt from the entries as they are: every checkpoint after the change breaks.
    expect(onWorkers.problems.slice(1)).toEqual(
      [2048, 3000, 4096, 5000].map((size): unknown =>
        expect.stringMatching(new RegExp(`^line \\d+ \\(size ${size}\\): root does not match`)),
      ),
    );
  });

  it('reports progress each time another `progressEvery` entries are verified, on workers or not', async () => {
    const file = path.join(dir, 'progress.ndjson');
    writeExport(file, 5000, [5000]);
    // The bytes of the file up to the end of each entry's line: the share reported with it.
    const text = readFileSync(file, 'latin1'); // one character a byte
    const lineEnds = [...text.matchAll(/"type":"entry"[^\n]*\n/g)].map(
      (m) => m.index + m[0].length,
    );
    for (const threads of [0, 2]) {
      const seen: number[] = [];
      const shares: number[] = [];
      const report = await verifyExport(file, {
        threads,
        progressEvery: 1500,
        onProgress: (n, share) => {
          seen.push(n);
          shares.push(share);
        },
      });
      expect(report.problems).toEqual([]);
      expect(shares).toEqual(seen.map((n) => (lineEnds[n - 1] ?? 0) / text.length));
      // One call each time a chunk's entries carry the count past a multiple of 1,500: three.
      expect(seen.map((n) => Math.floor(n / 1500))).toEqual([1, 2, 3]);
      expect(seen[0]).toBeGreaterThanOrEqual(1500);
      expect(report.entries).toBe(5000);
    }
  });

  it('hands out the last two chunks of the file in quarter chunks, aligned, so that the workers finish together', async () => {
    const file = path.join(dir, 'tail.ndjson');
    writeExport(file, 8000, [8000]);
    const sizes: number[] = [];
    const report = await verifyExport(file, {
      threads: 2,
      progressEvery: 1, // a call for every chunk applied: the tree's size after it
      onProgress: (n) => sizes.push(n),
    });
    expect(report.problems).toEqual([]);
    const steps = sizes.map((n, i) => n - (sizes[i - 1] ?? 0));
    // 8,000 entries: full chunks of 1,024 while more than two chunks' bytes are left to read,
    // then 256 at a time (the 832 left at the end of the file: 256, 256, 256, 64).
    expect(steps.slice(0, 5)).toEqual([1024, 1024, 1024, 1024, 1024]);
    expect(steps.slice(-4)).toEqual([256, 256, 256, 64]);
    expect(steps.every((step) => step <= 1024)).toBe(true);
    const tail = steps.slice(steps.indexOf(256));
    expect(tail.length).toBeGreaterThanOrEqual(8);
    expect(tail.slice(0, -1).every((step) => step === 256)).toBe(true);
  });
});
