import { describe, expect, it } from 'vitest';
import { frameMessage } from '../../src/transport/mllp/frame.ts';
import { FrameDecoder, OVERSIZED_HEAD_BYTES } from '../../src/transport/mllp/frame-decoder.ts';

/** Feeds chunks to a decoder and lists what it reported, in order. */
function decode(chunks: readonly Buffer[], max = 1000): string[] {
  const out: string[] = [];
  const decoder = new FrameDecoder(max, {
    frame: (c) => out.push(`frame:${c.toString('latin1')}`),
    oversized: (head, size) => out.push(`oversized:${size}:${head.length}`),
    garbage: (b, reason) => out.push(`${reason}:${b.toString('latin1')}`),
  });
  for (const c of chunks) {
    decoder.push(c);
  }
  return out;
}

const bytesOf = (b: Buffer): Buffer[] => [...b].map((x) => Buffer.from([x]));

describe('MLLP frame decoding', () => {
  it('finds frames whole, split byte by byte, and several in one chunk', () => {
    const two = Buffer.concat([frameMessage('A|1'), frameMessage('B|2')]);
    expect(decode([two])).toEqual(['frame:A|1', 'frame:B|2']);
    expect(decode(bytesOf(two))).toEqual(['frame:A|1', 'frame:B|2']);
    expect(decode([two.subarray(0, 5), two.subarray(5)])).toEqual(['frame:A|1', 'frame:B|2']);
  });

  it('needs FS followed by CR to end a frame; a lone FS is content', () => {
    const odd = Buffer.from('\x0bA\x1cB\x1c\r');
    expect(decode([odd])).toEqual(['frame:A\x1cB']);
    expect(decode(bytesOf(odd))).toEqual(['frame:A\x1cB']);
  });

  it('reports bytes outside frames and a frame abandoned by a new start block', () => {
    expect(decode([Buffer.from('xy\x0bA\r\x0bB\x1c\rz')])).toEqual([
      'outside-frame:xy',
      'abandoned-frame:A\r',
      'frame:B',
      'outside-frame:z',
    ]);
  });

  it('skips an oversized frame keeping only its head, then resynchronizes', () => {
    const big = frameMessage('M'.repeat(OVERSIZED_HEAD_BYTES * 3));
    const out = decode([big.subarray(0, 7000), big.subarray(7000), frameMessage('ok')], 5000);
    expect(out).toEqual([
      `oversized:${OVERSIZED_HEAD_BYTES * 3}:${OVERSIZED_HEAD_BYTES}`,
      'frame:ok',
    ]);
    expect(decode([frameMessage('12345')], 5)).toEqual(['frame:12345']);
    expect(decode([frameMessage('123456')], 5)).toEqual(['oversized:6:6']);
  });
});
