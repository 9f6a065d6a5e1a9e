import type { FastifyInstance } from 'fastify';
import type { ErrorRenderer, Exchange } from './exchange.ts';
import { sendLogged, type OutboundAnswer, type Responder } from './send-logged.ts';
import { runSteps, type Step } from './step.ts';

/** A route that carries messages: its steps in order, and how its answer is written. */
export interface MessageRoute {
  readonly path: string;
  /** Logical name in the log and metrics, e.g. `siteds.pasarela`. */
  readonly route: string;
  /** How errors are written for callers that do not speak FHIR (OperationOutcome otherwise). */
  readonly renderError?: ErrorRenderer;
  readonly steps: readonly Step[];
  readonly answer: (x: Exchange) => OutboundAnswer;
}

/**
 * `POST path`: the raw body goes through the steps on the request's exchange, then the answer
 * is countersigned, logged and sent (errors: the error handler, in the route's format).
 */
export function registerMessageRoute(
  app: FastifyInstance,
  responder: Responder,
  r: MessageRoute,
): void {
  const config =
    r.renderError === undefined
      ? { messageRoute: r.route }
      : { messageRoute: r.route, renderError: r.renderError };
  app.post(r.path, { config }, async (request, reply) => {
    const x = request.exchange as Exchange;
    x.raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    await runSteps(r.steps, x);
    return sendLogged(responder, x, reply, r.answer(x));
  });
}
