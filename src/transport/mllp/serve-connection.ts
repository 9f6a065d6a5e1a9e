import { randomUUID } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import {
  answerFrame,
  finished,
  oversizedAnswer,
  type FrameAnswer,
  type FrameContext,
} from './answer-frame.ts';
import { frameMessage } from './frame.ts';
import { FrameDecoder } from './frame-decoder.ts';
import type { MllpLimits, MllpRawBytes, MllpServerOptions } from './mllp-types.ts';

/**
 * Serves one MLLP connection: frames are answered one at a time, in the order they came, each
 * with exactly one answer frame (garbage between frames is logged, never answered). Reading
 * pauses while `maxQueuedFrames` wait; the connection closes after `idleTimeoutMs` without
 * bytes or work, or after the answer to a refused participant.
 */
export function serveConnection(
  socket: TLSSocket,
  options: MllpServerOptions,
  limits: MllpLimits,
): void {
  const connection = new MllpServerConnection(socket, options, limits);
  const decoder = new FrameDecoder(limits.maxFrameBytes, {
    frame: (content) => {
      connection.enqueue((ctx) => answerFrame(content, ctx, options), content);
    },
    oversized: (head, size) => {
      connection.enqueue((ctx) => connection.refuseOversized(ctx, head, size));
    },
    garbage: (bytes, reason) => {
      connection.enqueue((ctx) => connection.logGarbage(ctx, bytes, reason));
    },
  });
  connection.start((chunk) => {
    decoder.push(chunk);
  });
}

class MllpServerConnection {
  readonly #socket: TLSSocket;
  readonly #options: MllpServerOptions;
  readonly #limits: MllpLimits;
  readonly #id = randomUUID();
  #sequence = 0;
  #pending = 0;
  #closing = false;
  #queue: Promise<void> = Promise.resolve();

  constructor(socket: TLSSocket, options: MllpServerOptions, limits: MllpLimits) {
    this.#socket = socket;
    this.#options = options;
    this.#limits = limits;
  }

  start(onData: (chunk: Buffer) => void): void {
    const log = this.#options.logger;
    log.info(
      { connectionId: this.#id, remoteAddress: this.#socket.remoteAddress },
      'MLLP connection',
    );
    this.#socket.on('data', (chunk: Buffer) => {
      if (!this.#closing) {
        onData(chunk);
      }
    });
    this.#socket.setTimeout(this.#limits.idleTimeoutMs);
    this.#socket.on('timeout', () => {
      if (this.#pending === 0) {
        log.info(
          { connectionId: this.#id, idleTimeoutMs: this.#limits.idleTimeoutMs },
          'MLLP connection idle: closed',
        );
        this.#end();
      }
    });
    this.#socket.on('error', (err: Error) => {
      log.warn({ connectionId: this.#id, err: err.message }, 'MLLP connection error');
    });
  }

  /**
   * Queues work for the next frame (`frame`: its content); its answer is written when every
   * earlier one has been.
   */
  enqueue(work: (ctx: FrameContext) => Promise<FrameAnswer | undefined>, frame?: Buffer): void {
    this.#sequence += 1;
    const ctx: FrameContext = {
      connectionId: this.#id,
      sequence: this.#sequence,
      remoteAddress: this.#socket.remoteAddress,
      identity: this.#options.identify(this.#socket),
      log: this.#options.logger,
    };
    this.#pending += 1;
    if (this.#pending >= this.#limits.maxQueuedFrames) {
      this.#socket.pause();
    }
    this.#queue = this.#queue
      .then(async () => (this.#closing ? this.#logUnanswered(ctx, frame) : work(ctx)))
      .then((answer) => {
        this.#write(answer);
      })
      .catch((err: unknown) => {
        this.#options.logger.error(
          { connectionId: this.#id, err },
          'MLLP frame failed; closing the connection',
        );
        this.#closing = true;
        this.#socket.destroy();
      })
      .finally(() => {
        this.#pending -= 1;
        if (this.#pending < this.#limits.maxQueuedFrames && !this.#closing) {
          this.#socket.resume();
        }
      });
  }

  async refuseOversized(ctx: FrameContext, head: Buffer, size: number): Promise<FrameAnswer> {
    const limit = this.#limits.maxFrameBytes;
    ctx.log.warn(
      { ...where(ctx), size, limit, code: 'BRK_REQUEST_TOO_LARGE' },
      'MLLP frame too large: skipped',
    );
    const logged = await this.#logRaw(ctx, 'oversized', head, size);
    const { answer, error } = oversizedAnswer(head, size, limit, this.#options);
    return finished(answer, { logged, identity: ctx.identity, error }, ctx, this.#options);
  }

  async logGarbage(ctx: FrameContext, bytes: Buffer, reason: string): Promise<undefined> {
    ctx.log.warn(
      { ...where(ctx), reason, size: bytes.length, code: 'BRK_MLLP_FRAME' },
      'MLLP bytes outside a frame: ignored',
    );
    await this.#logRaw(ctx, 'garbage', bytes, bytes.length);
    return undefined;
  }

  /**
   * Bytes that arrived after the connection was condemned (e.g. behind a refused participant's
   * first frame) are still logged, never processed or answered.
   */
  async #logUnanswered(ctx: FrameContext, frame: Buffer | undefined): Promise<undefined> {
    if (frame !== undefined) {
      await this.#logRaw(ctx, 'frame', frame, frame.length);
    }
    return undefined;
  }

  /**
   * Logs bytes that get no processing (returns what `logRaw` returned); a log failure is reported
   * but does not end the connection.
   */
  async #logRaw(
    ctx: FrameContext,
    kind: MllpRawBytes['kind'],
    bytes: Buffer,
    size: number,
  ): Promise<unknown> {
    const raw = {
      ...where(ctx),
      kind,
      bytes,
      size,
      remoteAddress: ctx.remoteAddress,
      identity: ctx.identity,
    };
    return this.#options.logRaw(raw).catch((err: unknown) => {
      ctx.log.error({ ...where(ctx), kind, err }, 'MLLP bytes not logged');
      return undefined;
    });
  }

  #write(answer: FrameAnswer | undefined): void {
    if (answer !== undefined && !this.#socket.destroyed) {
      this.#socket.write(frameMessage(answer.bytes));
    }
    if (answer?.close === true) {
      this.#end();
    }
  }

  #end(): void {
    this.#closing = true;
    this.#socket.end();
  }
}

function where(ctx: FrameContext): { connectionId: string; sequence: number } {
  return { connectionId: ctx.connectionId, sequence: ctx.sequence };
}
