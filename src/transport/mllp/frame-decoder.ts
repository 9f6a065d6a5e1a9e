import { CARRIAGE_RETURN, END_BLOCK, START_BLOCK } from './frame.ts';

/** What the decoder finds in a byte stream, in order. */
export interface FrameSink {
  /** A complete frame's content (without VT and FS CR). */
  frame(content: Buffer): void;
  /** A frame longer than the limit, now ended: only its first bytes are kept (enough for MSH). */
  oversized(head: Buffer, size: number): void;
  /** Bytes outside any frame, or a frame abandoned by a new VT before its end (a sample). */
  garbage(bytes: Buffer, reason: 'outside-frame' | 'abandoned-frame'): void;
}

/** Bytes of an oversized frame kept to read its MSH. */
export const OVERSIZED_HEAD_BYTES = 4096;
/** Bytes of garbage kept for the log per report. */
const GARBAGE_SAMPLE_BYTES = 1024;

/**
 * Incremental MLLP decoder: frames may arrive split across packets or several in one packet.
 * Memory is bounded by `maxFrameBytes`: past it the rest of the frame is discarded up to its end
 * block (only its head is kept) and decoding resumes with the next start block. A VT inside a
 * frame abandons the partial frame (reported as garbage) and starts a new one. An FS not
 * followed by CR is frame content, as MLLP requires the pair.
 */
export class FrameDecoder {
  readonly #max: number;
  readonly #sink: FrameSink;
  #state: 'outside' | 'inside' | 'discarding' = 'outside';
  #parts: Buffer[] = [];
  #size = 0;
  #pendingEnd = false;

  constructor(maxFrameBytes: number, sink: FrameSink) {
    this.#max = maxFrameBytes;
    this.#sink = sink;
  }

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'outside') {
        i = this.#skipOutside(chunk, i);
      } else if (this.#pendingEnd) {
        i = this.#afterEndBlock(chunk, i);
      } else {
        i = this.#scanInside(chunk, i);
      }
    }
  }

  #skipOutside(chunk: Buffer, i: number): number {
    const start = chunk.indexOf(START_BLOCK, i);
    const end = start === -1 ? chunk.length : start;
    if (end > i) {
      this.#sink.garbage(
        chunk.subarray(i, Math.min(end, i + GARBAGE_SAMPLE_BYTES)),
        'outside-frame',
      );
    }
    if (start !== -1) {
      this.#state = 'inside';
      this.#reset();
    }
    return end + 1;
  }

  #afterEndBlock(chunk: Buffer, i: number): number {
    this.#pendingEnd = false;
    if (chunk[i] === CARRIAGE_RETURN) {
      this.#finish();
      return i + 1;
    }
    this.#append(Buffer.from([END_BLOCK]));
    return i;
  }

  /** Consumes frame bytes up to the next FS (or VT); returns the index to continue from. */
  #scanInside(chunk: Buffer, i: number): number {
    const fs = chunk.indexOf(END_BLOCK, i);
    const vt = this.#state === 'inside' ? chunk.indexOf(START_BLOCK, i) : -1;
    if (vt !== -1 && (fs === -1 || vt < fs)) {
      this.#append(chunk.subarray(i, vt));
      this.#sink.garbage(
        Buffer.concat(this.#parts).subarray(0, GARBAGE_SAMPLE_BYTES),
        'abandoned-frame',
      );
      this.#reset();
      return vt + 1;
    }
    this.#append(chunk.subarray(i, fs === -1 ? chunk.length : fs));
    this.#pendingEnd = fs !== -1;
    return fs === -1 ? chunk.length : fs + 1;
  }

  #append(bytes: Buffer): void {
    if (this.#state === 'inside' && this.#size + bytes.length > this.#max) {
      this.#state = 'discarding';
    }
    const room =
      this.#state === 'discarding' ? Math.max(0, OVERSIZED_HEAD_BYTES - this.#size) : bytes.length;
    if (room > 0) {
      this.#parts.push(bytes.subarray(0, room));
    }
    this.#size += bytes.length;
  }

  #finish(): void {
    const content = Buffer.concat(this.#parts);
    if (this.#state === 'discarding') {
      this.#sink.oversized(content.subarray(0, OVERSIZED_HEAD_BYTES), this.#size);
    } else {
      this.#sink.frame(content);
    }
    this.#state = 'outside';
    this.#reset();
  }

  #reset(): void {
    this.#parts = [];
    this.#size = 0;
    this.#pendingEnd = false;
  }
}
