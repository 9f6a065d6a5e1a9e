import { authorizeProvider } from '../../eligibility/authorize-provider.ts';
import { protocolFor } from '../../eligibility/forward-to-insurer.ts';
import type { InsurerProtocols } from '../../egress/insurer-protocol.ts';
import { validateAnswer, validateRequest } from '../../eligibility/validate-messages.ts';
import type { BrokerError } from '../../errors/broker-error.ts';
import type { SoapLimits } from '../../formats/siteds/soap/soap-constants.ts';
import { mapSitedsRequest } from '../../gateway/siteds/map-siteds-request.ts';
import { readSitedsRequest } from '../../gateway/siteds/read-siteds-request.ts';
import { SOAP_MEDIA_TYPES } from '../../gateway/siteds/register-siteds-wsdl.ts';
import { renderSitedsError } from '../../gateway/siteds/render-siteds-error.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import type { Hl7Profiles } from '../../formats/hl7v2/profile/profile-types.ts';
import { MLLP_ROUTE } from '../../gateway/hl7v2/answer-mllp-message.ts';
import { HL7_ER7 } from '../../gateway/hl7v2/hl7-exchange.ts';
import { mapHl7Request } from '../../gateway/hl7v2/map-hl7-request.ts';
import { readHl7Request } from '../../gateway/hl7v2/read-hl7-request.ts';
import { renderHl7Error } from '../../gateway/hl7v2/render-hl7-error.ts';
import { detachZsg } from '../../jose/zsg-segment.ts';
import type { Step } from '../../pipeline/step.ts';
import type { Validator } from '../../validation/create-validator.ts';
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
export interface RecomputeDeps {
  readonly registry: Registry;
  readonly fhirModel: FhirModel;
  readonly validator: Validator;
  readonly mappings: MappingSet;
  readonly soapLimits: SoapLimits;
  readonly hl7Profiles: Hl7Profiles;
  readonly protocols: InsurerProtocols;
}

/** How each message route reads its request, and which HTTP status its errors were sent with. */
function readingOf(
  route: string,
  deps: RecomputeDeps,
): { steps: Step[]; statusOf: (e: BrokerError, x: Exchange) => number } {
  if (route === 'hl7v2.rqi' || route === MLLP_ROUTE) {
    // Over MLLP the logged bytes carry the sender's ZSG segment: the message is what precedes it.
    const payload = route === MLLP_ROUTE ? (raw: Buffer) => detachZsg(raw).payload : undefined;
    return {
      steps: [
        requireContentType(HL7_ER7),
        readHl7Request(deps.hl7Profiles, payload),
        mapHl7Request(deps.mappings, undefined, 'broker'),
      ],
      statusOf: (e, x) => renderHl7Error(e, x).status,
    };
  }
  if (route === 'siteds.pasarela') {
    return {
      steps: [
        requireContentType(...SOAP_MEDIA_TYPES),
        readSitedsRequest(deps.soapLimits),
        mapSitedsRequest(deps.mappings, undefined, 'broker'),
      ],
      statusOf: (e, x) => renderSitedsError(e, x).status,
    };
  }
  return {
    steps: [requireContentType(FHIR_JSON, FHIR_XML), parseEligibility(deps.fhirModel)],
    statusOf: (e) => e.spec.status,
  };
}

export async function recomputeExchange(
  deps: RecomputeDeps,
  logged: LoggedExchange,
): Promise<Decision> {
  if (isTakenFromLog(logged.final.errorCode)) {
    return { ...logged.final, forwardedTo: logged.forwardedTo };
  }
  const x = exchangeOf(deps.registry, logged);
  const reading = readingOf(logged.route, deps);
  let forwarded = false;
  try {
    await runSteps(
      [
        requireParticipant('ipress'),
        ...reading.steps,
        authorizeProvider,
        routeToInsurer(deps.registry),
        validateRequest(deps.validator),
      ],
      x,
    );
    forwarded = true; // everything before the forward passed: the request would go out now
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
    const protocol = protocolFor(deps.protocols, x.insurer as Participant);
    x.answerResource = protocol.decodeAnswer(x.answer, x);
    await validateAnswer(deps.validator)(x);
    return { status: 200, errorCode: null, forwardedTo };
  } catch (err) {
    const e = normalizeError(err);
    const forwardedTo = forwarded ? (x.insurer?.code ?? null) : null;
    return { status: reading.statusOf(e, x), errorCode: e.code, forwardedTo };
  }
}

/** The exchange as the pipeline saw it: the logged sender's registry entry, the raw bytes. */
function exchangeOf(registry: Registry, logged: LoggedExchange): Exchange {
  const participant = registry.findByCode(logged.sender ?? '');
  return {
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
      code === 'BRK_REQUEST_TOO_LARGE' || // the body was refused while arriving: not all in the log
      code === 'BRK_INSURER_SIGNATURE_INVALID')
  );
}
