import { describe, expect, it } from 'vitest';
import { forEachEntryLine, packEntryLines } from '../../../src/audit/entry-line-chunk.ts';

function unpack(chunk: ReturnType<typeof packEntryLines>): string[] {
  const lines: string[] = [];
  forEachEntryLine(chunk, (line, at) => {
    expect(at).toBe(lines.length);
    lines.push(line);
  });
  return lines;
}

describe('entry line chunks (what the verify workers receive)', () => {
  const lines = ['{"a":1}', '', '{"name":"Peña Ñandú 🩺"}', 'x'.repeat(3000)];

  it('packs lines as bytes and gives them back decoded, multi-byte characters included', () => {
    const chunk = packEntryLines(lines.map((l) => Buffer.from(l)));
    expect(unpack(chunk)).toEqual(lines);
    expect(chunk.ends[chunk.ends.length - 1]).toBe(chunk.bytes.byteLength);
  });

  it('reuses spare memory that fits, and takes new memory when it does not', () => {
    const bytes = lines.map((l) => Buffer.from(l));
    const total = bytes.reduce((n, b) => n + b.length, 0);
    const roomy = new ArrayBuffer(total + 10);
    const reused = packEntryLines(bytes, roomy);
    expect(reused.bytes.buffer).toBe(roomy);
    expect(unpack(reused)).toEqual(lines);
    const small = new ArrayBuffer(total - 1);
    const fresh = packEntryLines(bytes, small);
    expect(fresh.bytes.buffer).not.toBe(small);
    expect(unpack(fresh)).toEqual(lines);
  });

  it('handles an empty chunk', () => {
    expect(unpack(packEntryLines([]))).toEqual([]);
  });
});
