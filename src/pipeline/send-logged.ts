import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { BrokerError } from '../errors/broker-error.ts';
import { toOperationOutcome } from '../errors/to-operation-outcome.ts';
import { signDetached } from '../jose/detached-jws.ts';
import type { SignatureContext } from '../jose/signature-context.ts';
import type { MessageLog } from '../log/message-log.ts';
import type { FhirModel } from '../formats/fhir/xml/fhir-model.ts';
import type { Exchange } from './exchange.ts';
import { inboundEntry } from './log-inbound.ts';
import { senderCode } from './exchange.ts';

/** What answering needs: the log to write to and the broker's signing context. */
export interface Responder {
  readonly log: MessageLog;
  readonly sig: SignatureContext;
  /** To render answers and errors in FHIR XML when the caller asks for it. */
  readonly fhirModel: FhirModel;
}

export interface OutboundAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly errorCode?: string | undefined;
  /** The insurer's JWS and the exact bytes it signed, when the answer passes an insurer's message on. */
  readonly origin?: { readonly signature: string; readonly bytes: Buffer } | undefined;
}

/**
 * Countersigns the answer and sends it only after it is durably logged. The broker's JWS
 * (`x-jws-signature`, `aud` the caller) covers the returned body; when it passes an insurer's
 * answer on, its protected header also carries that insurer's JWS (`origin_jws`) and the SHA-256
 * of the bytes the insurer signed (`origin_sha256`), and `x-jws-origin-signature` repeats it.
 * If the request never reached the log (rejected while reading the body) it is logged first.
 * If the answer cannot be logged, a success is never sent: the caller gets a 503.
 */
export async function sendLogged(
  responder: Responder,
  x: Exchange,
  reply: FastifyReply,
  answer: OutboundAnswer,
): Promise<FastifyReply> {
  try {
    const signature = await logAnswer(responder, x, answer);
    void reply.header('x-jws-signature', signature);
    if (answer.origin !== undefined) {
      void reply.header('x-jws-origin-signature', answer.origin.signature);
    }
  } catch (err) {
    reply.log.error({ err, step: 'log-answer' }, 'answer could not be signed or logged');
    if (answer.status < 400) {
      const unavailable = new BrokerError('BRK_STORE_UNAVAILABLE');
      if (x.renderError !== undefined) {
        const { contentType, body } = x.renderError(unavailable, x);
        return reply.code(503).type(contentType).send(body);
      }
      const oo = toOperationOutcome(unavailable, x.correlationId);
      return reply.code(503).type('application/fhir+json').send(JSON.stringify(oo));
    }
  }
  return reply.code(answer.status).type(answer.contentType).send(answer.body);
}

/**
 * Countersigns the answer and logs it durably (the request first, if it never reached the log);
 * returns the broker's JWS over the answer's bytes. Any transport (HTTPS, MLLP) sends an answer
 * only after this resolved; if it throws, no success may be sent.
 */
export async function logAnswer(
  responder: Responder,
  x: Exchange,
  answer: OutboundAnswer,
): Promise<string> {
  await logRequestIfMissing(responder.log, x);
  const signature = await countersign(responder.sig, x, answer);
  await responder.log.append({
    correlationId: x.correlationId,
    route: x.route,
    kind: 'response-out',
    sender: responder.sig.selfCode,
    recipient: senderCode(x),
    contentType: answer.contentType,
    payload: answer.body,
    httpStatus: answer.status,
    outcome: answer.status < 400 ? 'ok' : 'error',
    errorCode: answer.errorCode,
    durationMs: performance.now() - x.startedAt,
    signature,
    verdicts: x.verdicts,
  });
  return signature;
}

async function logRequestIfMissing(log: MessageLog, x: Exchange): Promise<void> {
  if (x.inboundLogged) {
    return;
  }
  await log.append(inboundEntry(x));
  x.inboundLogged = true;
}

async function countersign(
  sig: SignatureContext,
  x: Exchange,
  answer: OutboundAnswer,
): Promise<string> {
  const extra =
    answer.origin === undefined
      ? {}
      : {
          origin_jws: answer.origin.signature,
          origin_sha256: createHash('sha256').update(answer.origin.bytes).digest('base64url'),
        };
  return signDetached(answer.body, sig.signer, {
    jti: crypto.randomUUID(),
    sub: sig.selfCode,
    aud: senderCode(x),
    extra,
  });
}
