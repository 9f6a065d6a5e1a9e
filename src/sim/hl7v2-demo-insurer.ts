import { controlIdOf } from '../gateway/hl7v2/control-id.ts';
import { demoInsurerSignatures } from './demo-insurer.ts';
import { brokerError } from '../errors/broker-error.ts';
import { readEligibilityRequest } from '../formats/fhir/read-eligibility-request.ts';
import { mapFhirToRpi } from '../formats/hl7v2/map/map-fhir-to-rpi.ts';
import { mapRqiToFhir } from '../formats/hl7v2/map/map-rqi-to-fhir.ts';
import { checkHl7Message } from '../formats/hl7v2/profile/check-hl7-message.ts';
import type { Hl7Message } from '../formats/hl7v2/message.ts';
import type { Hl7Profiles } from '../formats/hl7v2/profile/profile-types.ts';
import type { SignatureContext } from '../jose/signature-context.ts';
import { signZsg, verifyZsg } from '../jose/zsg-signature.ts';
import type { MappingSet } from '../mapping/load-mappings.ts';
import { createIdentifier } from '../transport/identify-participant.ts';
import { createMllpServer, type MllpServer } from '../transport/mllp/create-mllp-server.ts';
import type { MllpLogger, MllpMessage } from '../transport/mllp/mllp-types.ts';
import { answerEligibility } from './answer-eligibility.ts';
import type { DemoInsurerOptions } from './demo-insurer.ts';

/** What the HL7 v2 demo insurer needs besides any demo insurer's options. */
export interface Hl7DemoInsurerOptions extends DemoInsurerOptions {
  readonly mappings: MappingSet;
  readonly profiles: Hl7Profiles;
  readonly logger?: MllpLogger;
}

const QUIET: MllpLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A demo IAFAS speaking HL7 v2 over MLLP/TLS: only the broker is admitted (certificate pin in the
 * registry), its ZSG must verify (aud this insurer), the RQI^I01 must pass its profile; the
 * answer is an RPI^I01 from the demo population (the same answers as the FHIR demo insurer,
 * through mappings/hl7v2/), signed with a ZSG for the broker. Errors are ACK AE/AR.
 */
export function buildHl7DemoInsurer(options: Hl7DemoInsurerOptions): MllpServer {
  const sig = demoInsurerSignatures(options);
  return createMllpServer({
    tls: { ...options.tls, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    identify: createIdentifier(options.registry),
    logRaw: () => Promise.resolve(undefined),
    onMessage: (msg) => answerRqi(msg, options, sig),
    logger: options.logger ?? QUIET,
    self: { application: 'IAFAS', facility: options.insurer.code },
  });
}

async function answerRqi(
  msg: MllpMessage,
  options: Hl7DemoInsurerOptions,
  sig: SignatureContext,
): Promise<Buffer> {
  if (msg.participant.kind !== 'broker') {
    throw brokerError('BRK_AUTH_ROLE_FORBIDDEN', 'only the broker may call an insurer');
  }
  await verifyZsg(sig, msg.raw, msg.participant);
  const { message, controlId } = answerRqiMessage(msg.message, options);
  return signZsg(sig, message.toBuffer(), { aud: msg.participant.code, jti: controlId });
}

/**
 * The demo insurer's answer to an RQI^I01 whatever carries it (MLLP/TLS or HTTPS): the RQI must
 * pass its profile and be addressed to this insurer; the RPI^I01 comes from the demo population
 * through mappings/hl7v2/. Its control id doubles as the signature's `jti`.
 */
export function answerRqiMessage(
  rqi: Hl7Message,
  options: Hl7DemoInsurerOptions,
): { message: Hl7Message; controlId: string } {
  checkHl7Message(options.profiles, rqi);
  const renipress = rqi.segment('PRD')?.field(7).component(1).value ?? '';
  const { bundle } = mapRqiToFhir(rqi, { ipressCode: renipress, mappings: options.mappings });
  const query = readEligibilityRequest(bundle);
  if (query.insurerCode !== options.insurer.code) {
    throw brokerError('BRK_ROUTE_UNKNOWN_INSURER', `this is IAFAS ${options.insurer.code}`);
  }
  const now = new Date();
  const answer = answerEligibility(query, options.insurer, options.population, now);
  const controlId = controlIdOf(crypto.randomUUID());
  const { message } = mapFhirToRpi(answer, rqi, { mappings: options.mappings, controlId, now });
  return { message, controlId };
}
