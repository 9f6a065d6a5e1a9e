import { randomUUID } from 'node:crypto';
import { BrokerError, normalizeError } from '../../errors/broker-error.ts';
import { buildErrorAck } from '../../formats/hl7v2/build-ack.ts';
import { Hl7Rejection, parseRejection } from '../../formats/hl7v2/hl7-problem.ts';
import { detachZsg } from '../../jose/zsg-segment.ts';
import { salvageHeader } from '../../formats/hl7v2/message-header.ts';
import { Hl7ParseError, parseEr7 } from '../../formats/hl7v2/parse-er7.ts';
import type { Hl7Message, Hl7Segment } from '../../formats/hl7v2/message.ts';
import type { Identity } from '../identify-participant.ts';
import type { MllpLogger, MllpMessage, MllpRefusal, MllpServerOptions } from './mllp-types.ts';

/** An answer to one frame; `close` ends the connection after it is written. */
export interface FrameAnswer {
  readonly bytes: Buffer;
  readonly close: boolean;
}

/** What answering a frame needs to know about its connection. */
export interface FrameContext {
  readonly connectionId: string;
  readonly sequence: number;
  readonly remoteAddress: string | undefined;
  readonly identity: Identity;
  readonly log: MllpLogger;
}

/**
 * One frame, in the broker's order: raw bytes to the log first, then the participant (refused →
 * AR and close), then parsing (unreadable → AR), then the handler (a `BrokerError` → its ACK).
 */
export async function answerFrame(
  content: Buffer,
  ctx: FrameContext,
  options: MllpServerOptions,
): Promise<FrameAnswer> {
  const { identity, log } = ctx;
  const where = { connectionId: ctx.connectionId, sequence: ctx.sequence };
  let logged: unknown;
  try {
    const raw = { ...where, kind: 'frame' as const, bytes: content, size: content.length };
    logged = await options.logRaw({ ...raw, remoteAddress: ctx.remoteAddress, identity });
  } catch (err) {
    log.error({ ...where, err }, 'MLLP frame not logged: refused');
    const e = new BrokerError('BRK_STORE_UNAVAILABLE', [], { cause: err });
    return errorAnswer(salvageHeader(content), e, options);
  }
  if (identity.participant === undefined) {
    const refusal = { code: identity.error, pin: identity.pin, participant: identity.code };
    log.warn({ ...where, ...refusal }, 'MLLP participant refused');
    const error = new BrokerError(identity.error);
    const answer = errorAnswer(salvageHeader(content), error, options);
    return { ...(await finished(answer, { logged, identity, error }, ctx, options)), close: true };
  }
  const { payload, signature: zsg } = detachZsg(content);
  const message = parseFrame(payload, ctx);
  if (message instanceof Hl7Rejection) {
    const answer = errorAnswer(salvageHeader(content), message, options);
    return finished(answer, { logged, identity, error: message }, ctx, options);
  }
  const msg = {
    ...where,
    participant: identity.participant,
    raw: content,
    payload,
    zsg,
    message,
    logged,
  };
  return handle(msg, ctx, options);
}

/**
 * The listener's own refusal, handed to `finishRefusal` (signed and logged by the broker) when
 * there is one; if that fails, the plain ACK still goes out and the failure is logged.
 */
export async function finished(
  answer: FrameAnswer,
  refusal: Omit<MllpRefusal, 'ack'>,
  ctx: FrameContext,
  options: MllpServerOptions,
): Promise<FrameAnswer> {
  if (options.finishRefusal === undefined) {
    return answer;
  }
  try {
    return { ...answer, bytes: await options.finishRefusal({ ...refusal, ack: answer.bytes }) };
  } catch (err) {
    const where = { connectionId: ctx.connectionId, sequence: ctx.sequence };
    ctx.log.error({ ...where, err }, 'MLLP refusal not signed or logged: sent as is');
    return answer;
  }
}

function parseFrame(content: Buffer, ctx: FrameContext): Hl7Message | Hl7Rejection {
  try {
    return parseEr7(content);
  } catch (err) {
    if (!(err instanceof Hl7ParseError)) {
      throw err;
    }
    const where = { connectionId: ctx.connectionId, sequence: ctx.sequence };
    ctx.log.warn({ ...where, issues: err.issues }, 'MLLP frame is not an HL7 v2 message');
    return parseRejection(err);
  }
}

async function handle(
  msg: MllpMessage,
  ctx: FrameContext,
  options: MllpServerOptions,
): Promise<FrameAnswer> {
  try {
    const answer = await options.onMessage(msg);
    return { bytes: Buffer.isBuffer(answer) ? answer : answer.toBuffer(), close: false };
  } catch (err) {
    const e = normalizeError(err);
    if (e.code === 'BRK_INTERNAL') {
      ctx.log.error(
        { connectionId: ctx.connectionId, sequence: ctx.sequence, err },
        'MLLP handler failed',
      );
    }
    return errorAnswer(msg.message.header, e, options);
  }
}

/** The AR answer to an oversized frame (addressed to its MSH when its first bytes hold one). */
export function oversizedAnswer(
  head: Buffer,
  size: number,
  limit: number,
  options: MllpServerOptions,
): { answer: FrameAnswer; error: BrokerError } {
  const error = new BrokerError('BRK_REQUEST_TOO_LARGE', [
    { detail: `frame of ${size} bytes; the limit is ${limit}` },
  ]);
  return { answer: errorAnswer(salvageHeader(head), error, options), error };
}

function errorAnswer(
  msh: Hl7Segment | undefined,
  err: BrokerError,
  options: MllpServerOptions,
): FrameAnswer {
  const ack = buildErrorAck(msh, err, {
    controlId: options.newControlId?.() ?? randomUUID().replace(/-/g, '').slice(0, 20),
    now: options.now?.() ?? new Date(),
    ...(options.self === undefined ? {} : { self: options.self }),
  });
  return { bytes: ack.toBuffer(), close: false };
}
