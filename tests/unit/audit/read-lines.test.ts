import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from '../../../src/audit/read-lines.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'siteds-read-lines-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function linesOf(content: string | Buffer): Promise<string[]> {
  const file = path.join(dir, `f-${Math.random()}.txt`);
  writeFileSync(file, content);
  const lines: string[] = [];
  await readLines(file, (line) => {
    lines.push(line.toString('utf8'));
  });
  return lines;
}

describe('readLines (audit verify reads the export as bytes)', () => {
  it('splits on LF, drops a CR before it, keeps empty lines, and takes a last line without LF', async () => {
    expect(await linesOf('a\r\nb\n\nc')).toEqual(['a', 'b', '', 'c']);
    expect(await linesOf('a\nb\n')).toEqual(['a', 'b']);
    expect(await linesOf('')).toEqual([]);
  });

  it('joins lines that span 1 MiB blocks, a multi-byte character cut in two included', async () => {
    // A 3-byte character (€) placed across the first block boundary, and a line of 2.5 MiB.
    const first = `${'x'.repeat((1 << 20) - 1)}€y`;
    const long = 'z'.repeat(2.5 * (1 << 20));
    const lines = await linesOf(`${first}\n${long}\nend\n`);
    expect(lines.map((l) => l.length)).toEqual([first.length, long.length, 3]);
    expect(lines[0]).toBe(first);
    expect(lines[1]).toBe(long);
  });

  it('awaits an asynchronous callback before the next line, in order', async () => {
    const file = path.join(dir, 'async.txt');
    writeFileSync(file, 'one\ntwo\nthree\n');
    const seen: string[] = [];
    let busy = false;
    await readLines(file, async (line) => {
      expect(busy).toBe(false);
      busy = true;
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(line.toString());
      busy = false;
    });
    expect(seen).toEqual(['one', 'two', 'three']);
  });
});
