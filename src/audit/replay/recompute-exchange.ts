import { authorizeProvider } from '../../eligibility/authorize-provider.ts';
import { protocolFor } from '../../eligibility/forward-to-insurer.ts';
import { fhirInsurerProtocol } from '../../egress/fhir-insurer-protocol.ts';
import { insurerProtocols } from '../../egress/insurer-protocol.ts';
import { parseEligibility } from '../../eligibility/parse-eligibility.ts';
import { routeToInsurer } from '../../eligibility/route-to-insurer.ts';
import { normalizeError } from '../../errors/broker-error.ts';
import { FHIR_JSON } from '../../formats/fhir/identifier-systems.ts';
import type { Exchange } from '../../pipeline/exchange.ts';
import { requireContentType } from '../../pipeline/require-content-type.ts';
import { requireParticipant } from '../../pipeline/require-participant.ts';
import { runSteps } from '../../pipeline/step.ts';
import type { Participant, Registry } from '../../registry/participant.ts';
import { FHIR_XML } from '../../formats/fhir/fhir-format.ts';
import type { FhirModel } from '../../formats/fhir/xml/fhir-model.ts';
import type { LoggedExchange } from './logged-exchange.ts';

/** What the pipeline decides for a request: the routing and the answer's status and code. */
export interface Decision {
  readonly status: number | null;
  readonly errorCode: string | null;
  readonly forwardedTo: string | null;
}

/**
 * Dry replay of one exchange: the logged request goes through today's pipeline steps
 * (authorization by role, content type, parsing and validation, provider check, routing), and the
 * insurer's answer is taken from the log and checked the same way. No message is sent, no
 * signature freshness is re-checked (signatures are verified by `siteds audit verify`). When the
 * insurer was never reached (timeout, refused connection), that part cannot be recomputed and the
 * logged outcome stands.
 */
export async function recomputeExchange(
  registry: Registry,
  model: FhirModel,
  logged: LoggedExchange,
): Promise<Decision> {
  if (isTakenFromLog(logged.final.errorCode)) {
    return { ...logged.final, forwardedTo: logged.forwardedTo };
  }
  const participant = registry.findByCode(logged.sender ?? '');
  const x: Exchange = {
    correlationId: logged.correlationId,
    route: logged.route,
    startedAt: 0,
    identity:
      participant?.status === 'active'
        ? { participant }
        : {
            error:
              participant === undefined
                ? 'BRK_AUTH_UNKNOWN_CERTIFICATE'
                : 'BRK_AUTH_PARTICIPANT_SUSPENDED',
            pin: undefined,
          },
    raw: logged.request ?? Buffer.alloc(0),
    contentType: logged.contentType ?? undefined,
    inboundLogged: true,
    signature: undefined,
    verdicts: {},
    answerFormat: 'json',
    language: 'es',
  };
  try {
    await runSteps(
      [
        requireParticipant('ipress'),
        requireContentType(FHIR_JSON, FHIR_XML),
        parseEligibility(model),
        authorizeProvider,
        routeToInsurer(registry),
      ],
      x,
    );
    const forwardedTo = x.insurer?.code ?? null;
    if (logged.insurerAnswer === undefined) {
      return { ...logged.final, forwardedTo };
    }
    x.answer = {
      ...logged.insurerAnswer,
      contentType: logged.insurerAnswer.contentType ?? undefined,
      durationMs: 0,
      signature: undefined,
    };
    const protocols = insurerProtocols(fhirInsurerProtocol);
    x.answerResource = protocolFor(protocols, x.insurer as Participant).decodeAnswer(x.answer, x);
    return { status: 200, errorCode: null, forwardedTo };
  } catch (err) {
    const e = normalizeError(err);
    return { status: e.spec.status, errorCode: e.code, forwardedTo: x.insurer?.code ?? null };
  }
}

/**
 * Outcomes decided by time, replay state or the store at that moment (signature freshness and
 * `jti`, store failures) cannot be recomputed later: they are taken from the log as they were.
 */
function isTakenFromLog(code: string | null): boolean {
  return (
    code !== null &&
    (code.startsWith('BRK_SIG_') ||
      code === 'BRK_STORE_UNAVAILABLE' ||
      code === 'BRK_INSURER_SIGNATURE_INVALID')
  );
}
