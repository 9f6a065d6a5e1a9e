import { controlIdOf } from '../gateway/hl7v2/control-id.ts';
import type { FastifyInstance } from 'fastify';
import { normalizeError } from '../errors/broker-error.ts';
import { buildErrorAck } from '../formats/hl7v2/build-ack.ts';
import { salvageHeader } from '../formats/hl7v2/message-header.ts';
import { parseEr7 } from '../formats/hl7v2/parse-er7.ts';
import { HL7_ER7 } from '../gateway/hl7v2/hl7-exchange.ts';
import { signDetached } from '../jose/detached-jws.ts';
import { checkSignature } from '../jose/signature-context.ts';
import { demoInsurerFrame } from './demo-insurer.ts';
import { answerRqiMessage, type Hl7DemoInsurerOptions } from './hl7v2-demo-insurer.ts';

/**
 * A demo IAFAS speaking HL7 v2 over HTTPS (an `https://` endpoint of format `hl7v2`): the broker
 * POSTs the RQI^I01 as ER7 with its detached JWS in `x-jws-signature` (aud this insurer); the
 * answer is the same RPI^I01 as the MLLP demo insurer's, signed the same way in the answer's
 * `x-jws-signature`. Errors are ACK AE/AR: HTTP 200 once the body's MSH could be read (the ACK is
 * the application's answer, as the broker's own `POST /hl7v2` does), the catalog status before.
 */
export function buildHl7HttpsDemoInsurer(options: Hl7DemoInsurerOptions): FastifyInstance {
  const { app, sig, callerOf } = demoInsurerFrame(options);
  const self = { application: 'IAFAS', facility: options.insurer.code };
  app.setErrorHandler(async (err, request, reply) => {
    const error = normalizeError(err);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const msh = salvageHeader(body);
    const controlId = controlIdOf(crypto.randomUUID());
    const ack = buildErrorAck(msh, error, { controlId, now: new Date(), self });
    return reply
      .code(msh === undefined ? error.spec.status : 200)
      .type(`${HL7_ER7}; charset=utf-8`)
      .send(ack.toBuffer());
  });
  app.post('/*', async (request, reply) => {
    const caller = callerOf(request);
    const body = request.body as Buffer;
    const signature = request.headers['x-jws-signature'];
    const value = typeof signature === 'string' ? signature : undefined;
    await checkSignature(sig, value, body, caller, sig.selfCode);
    const { message, controlId } = answerRqiMessage(parseEr7(body), options);
    const bytes = message.toBuffer();
    const signed = await signDetached(bytes, sig.signer, {
      jti: controlId,
      sub: sig.selfCode,
      aud: caller.code,
    });
    return reply.header('x-jws-signature', signed).type(`${HL7_ER7}; charset=utf-8`).send(bytes);
  });
  return app;
}
