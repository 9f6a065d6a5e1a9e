import { BrokerError, normalizeError } from '../../errors/broker-error.ts';
import type { Hl7Profiles } from '../../formats/hl7v2/profile/profile-types.ts';
import type { SignatureContext } from '../../jose/signature-context.ts';
import { verdictOf } from '../../jose/signature-context.ts';
import { detachZsg } from '../../jose/zsg-segment.ts';
import { signZsg, verifyZsg } from '../../jose/zsg-signature.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import type { Exchange } from '../../pipeline/exchange.ts';
import { requireParticipant } from '../../pipeline/require-participant.ts';
import { logAnswer, type OutboundAnswer, type Responder } from '../../pipeline/send-logged.ts';
import { runSteps, type Step } from '../../pipeline/step.ts';
import type { MllpMessage } from '../../transport/mllp/mllp-types.ts';
import { controlIdOf } from './control-id.ts';
import { HL7_ER7 } from './hl7-exchange.ts';
import { mapHl7Request } from './map-hl7-request.ts';
import { readHl7Request } from './read-hl7-request.ts';
import { renderHl7Error } from './render-hl7-error.ts';
import { writeHl7Answer } from './write-hl7-answer.ts';

/** What answering one MLLP message needs (the shared steps come from `createRouteAndAsk`). */
export interface MllpAnswerDeps {
  readonly responder: Responder;
  readonly signatures: SignatureContext;
  readonly hl7Profiles: Hl7Profiles;
  readonly mappings: MappingSet;
  readonly brokerCode: string;
  readonly routeAndAsk: readonly Step[];
}

/** The route name of HL7 v2 exchanges received over MLLP, in the log and metrics. */
export const MLLP_ROUTE = 'hl7v2.mllp';

/**
 * One RQI^I01 received over MLLP, through the same steps as `POST /hl7v2` on an Exchange built
 * here (its raw bytes were logged by the listener's `logRaw`, whose correlation id it carries):
 * identity, the sender's ZSG signature instead of a header, profile, canonical form, routing and
 * the insurer. The answer — an RPI^I01 or an ACK AE/AR with every ERR — gets the broker's ZSG,
 * is countersigned and logged (`logAnswer`), and only then returned to be sent. If it cannot be
 * logged, the listener answers AE `BRK_STORE_UNAVAILABLE` instead (nothing unlogged succeeds).
 */
export async function answerMllpMessage(msg: MllpMessage, deps: MllpAnswerDeps): Promise<Buffer> {
  const x = exchangeOf(msg);
  const steps: Step[] = [
    requireParticipant('ipress'),
    verifyZsgStep(deps.signatures),
    readHl7Request(deps.hl7Profiles, (raw) => detachZsg(raw).payload),
    mapHl7Request(deps.mappings, deps.responder.log, deps.brokerCode),
    ...deps.routeAndAsk,
  ];
  let answer: OutboundAnswer;
  try {
    await runSteps(steps, x);
    answer = writeHl7Answer(x, deps.mappings);
  } catch (err) {
    const error = normalizeError(err);
    answer = { ...renderHl7Error(error, x), errorCode: error.code };
  }
  const signed = await signZsg(deps.signatures, answer.body, {
    aud: msg.participant.code,
    jti: x.hl7?.controlId ?? controlIdOf(x.correlationId),
  });
  try {
    await logAnswer(deps.responder, x, { ...answer, body: signed });
  } catch (err) {
    throw new BrokerError('BRK_STORE_UNAVAILABLE', [], { cause: err });
  }
  return signed;
}

function exchangeOf(msg: MllpMessage): Exchange {
  if (typeof msg.logged !== 'string') {
    throw new Error('the MLLP logRaw must return the correlation id of the logged frame');
  }
  return {
    correlationId: msg.logged,
    route: MLLP_ROUTE,
    startedAt: performance.now(),
    identity: { participant: msg.participant },
    raw: msg.raw,
    contentType: HL7_ER7,
    inboundLogged: true,
    signature: msg.zsg,
    verdicts: {},
    answerFormat: 'json',
    language: 'es',
    renderError: renderHl7Error,
  };
}

/** The sender's ZSG over the message bytes before it (`verifyZsg`); the verdict is kept for the log. */
function verifyZsgStep(ctx: SignatureContext): Step {
  return async (x) => {
    const sender = x.identity.participant;
    if (sender === undefined) {
      throw new Error('verifyZsgStep runs after requireParticipant');
    }
    try {
      const { signature } = await verifyZsg(ctx, x.raw, sender);
      x.verdicts.request = verdictOf(signature);
    } catch (err) {
      if (err instanceof BrokerError) {
        x.verdicts.request = verdictOf(err);
      }
      throw err;
    }
  };
}
